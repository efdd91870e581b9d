/**
 * A customer's visits and notes, newest first, with "Add note" at the top. One editor is open at
 * a time, so there is never a question of which "Note" box a tap goes to.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { useToast } from '../../components/Toasts';
import { timelineOf } from '../../db/queries';
import type { Id, Visit } from '../../model/types';
import { deleteVisit, recordVisit, restoreVisit, updateVisit } from '../../db/visits/visits';
import type { Counter } from '../../hooks/useCounter';
import { useDraft } from '../../hooks/useDraft';
import { formatDateTime, formatYen } from '../../lib/format';
import { recordPath } from '../../lib/record-paths';
import { NoteForm } from './NoteForm';
import { draftFromVisit, emptyVisitDraft, toVisitInput, type VisitDraft } from './visit-draft';

const TIMELINE_PAGE = 20;

interface Props {
  customerId: Id;
  counter: Counter;
  quickNotes: readonly string[];
  /** The customer agreed to health notes, so a note may be marked health-related. */
  healthAllowed?: boolean;
  /** Called once its entries (or that there are none) are on screen. */
  onShown?: () => void;
}

export function Timeline({ customerId, counter, quickNotes, healthAllowed, onShown }: Props) {
  const { t } = useTranslation();
  // A regular can have hundreds of entries: the card opens with the newest, older ones on request.
  const [shown, setShown] = useState(TIMELINE_PAGE);
  const visits = useLiveQuery(() => timelineOf(customerId, shown + 1), [customerId, shown]);
  const hasOlder = (visits?.length ?? 0) > shown;
  const loaded = visits !== undefined;
  useEffect(() => {
    if (loaded) onShown?.();
  }, [loaded, onShown]);
  const [newDraft, updateNew, clearNew] = useDraft<VisitDraft & { open: boolean }>(`note:${customerId}`, {
    ...emptyVisitDraft(),
    open: false,
  });
  // Which entry is being edited outlives a reload too, so its draft comes back open.
  const [editing, updateEditing, clearEditing] = useDraft(`editing-entry:${customerId}`, { id: '' });
  const editingId: Id | undefined = editing.id || undefined;

  const saveNew = useCallback(
    async (draft: VisitDraft) => {
      await recordVisit(customerId, toVisitInput(draft), counter.ctx);
      clearNew();
    },
    [customerId, counter.ctx, clearNew],
  );

  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <div className="timeline__header">
        <h2 id="timeline-heading">{t('visit.timeline')}</h2>
        {!newDraft.open && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              clearEditing();
              updateNew({ open: true });
            }}
          >
            <span aria-hidden="true">+ </span>
            {t('visit.addNote')}
          </button>
        )}
      </div>
      {newDraft.open && (
        <NoteForm
          draft={newDraft}
          update={updateNew}
          quickNotes={quickNotes}
          submitLabel={t('visit.saveNote')}
          onSave={saveNew}
          onCancel={() => clearNew()}
          healthAllowed={healthAllowed}
        />
      )}
      {visits && visits.length === 0 && !newDraft.open && <p className="empty">{t('visit.empty')}</p>}
      <ol className="timeline__list" aria-label={t('visit.timeline')}>
        {visits?.slice(0, shown).map((visit) =>
          editingId === visit.id ? (
            <li key={visit.id} className="entry entry--editing">
              <EditEntry
                visit={visit}
                counter={counter}
                quickNotes={quickNotes}
                healthAllowed={healthAllowed}
                onDone={() => clearEditing()}
              />
            </li>
          ) : (
            <TimelineEntry
              key={visit.id}
              visit={visit}
              counter={counter}
              onEdit={() => {
                clearNew();
                updateEditing({ id: visit.id });
              }}
            />
          ),
        )}
      </ol>
      {hasOlder && (
        <button type="button" className="button button--ghost button--wide" onClick={() => setShown((n) => n + TIMELINE_PAGE * 2)}>
          {t('visit.showOlder')}
        </button>
      )}
    </section>
  );
}

function TimelineEntry({ visit, counter, onEdit }: { visit: Visit; counter: Counter; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const staff = counter.nameOf(visit.staffId) ?? t('visit.unknownStaff');
  const remove = async () => {
    await deleteVisit(visit.id, counter.ctx);
    toast({ message: t('visit.deleted'), action: { label: t('undo'), run: () => restoreVisit(visit.id, counter.ctx) } });
  };
  return (
    <li className={`entry entry--${visit.kind}`}>
      <div className="entry__head">
        <time dateTime={new Date(visit.at).toISOString()} className="entry__time">
          {formatDateTime(visit.at, i18n.language)}
        </time>
        <span className="entry__kind">{t(`visit.kinds.${visit.kind}`)}</span>
        {visit.amount !== undefined && <span className="entry__amount">{formatYen(visit.amount, i18n.language)}</span>}
        {visit.health && <span className="badge badge--health">{t('safety.privacy.healthBadge')}</span>}
        <span className="entry__staff muted">{t('visit.by', { staff })}</span>
      </div>
      {visit.note && <p className="entry__note">{visit.note}</p>}
      <div className="entry__actions">
        {visit.record ? (
          // A row standing for an appraisal or a ledger record changes only through that record.
          <Link className="button button--small button--ghost" to={recordPath(visit.record)}>
            {visit.record.type === 'appraisal' ? t('records.openAppraisal') : t('records.openRecord')}
          </Link>
        ) : (
          <>
            <button type="button" className="button button--small button--ghost" onClick={onEdit}>
              {t('visit.edit')}
            </button>
            <button type="button" className="button button--small button--ghost button--danger-text" onClick={() => void remove()}>
              {t('visit.delete')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

function EditEntry({
  visit,
  counter,
  quickNotes,
  healthAllowed,
  onDone,
}: {
  visit: Visit;
  counter: Counter;
  quickNotes: readonly string[];
  healthAllowed?: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [draft, update, clear] = useDraft<VisitDraft>(
    `edit-entry:${visit.customerId}:${visit.id}`,
    draftFromVisit(visit),
  );
  const save = useCallback(
    async (d: VisitDraft) => {
      await updateVisit(visit.id, toVisitInput(d), counter.ctx);
      clear();
      onDone();
    },
    [visit.id, counter.ctx, clear, onDone],
  );
  return (
    <NoteForm
      draft={draft}
      update={update}
      quickNotes={quickNotes}
      submitLabel={t('visit.saveChanges')}
      healthAllowed={healthAllowed}
      onSave={save}
      onCancel={() => {
        clear();
        onDone();
      }}
    />
  );
}
