import type { ReactNode } from 'react';

interface Props {
  caption: string;
  /** Column headings; the first column holds each row's heading. */
  columns: string[];
  rows: { key: string | number; heading: string; cells: ReactNode[] }[];
  /** A last row of totals, if the table has one. */
  totals?: { heading: string; cells: ReactNode[] };
}

/** The figures of a chart as a table a screen reader can walk: row and column headings. */
export function FigureTable({ caption, columns, rows, totals }: Props) {
  return (
    <div className="insights__scroll">
      <table className="insights__data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.heading}</th>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {totals && (
          <tfoot>
            <tr>
              <th scope="row">{totals.heading}</th>
              {totals.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
