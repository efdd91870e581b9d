/**
 * A labelled progress bar for long jobs (import, restore), readable by screen readers. `caption`
 * is shown in place of the label (how far, in words) while the bar keeps its name.
 */
export function ProgressBar({ label, done, total, caption }: { label: string; done: number; total: number; caption?: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress__label small">
        <span>{caption ?? label}</span>
        <span>{percent}%</span>
      </div>
      <div className="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress__bar" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
    </div>
  );
}
