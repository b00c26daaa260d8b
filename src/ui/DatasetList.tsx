import { useEffect, useRef, useState } from 'preact/hooks';
import { isPackStale } from '../core/pack-age.ts';
import type { ImportOutcome, InstalledPack } from '../core/pack-index.ts';
import { formatPackProblem, type PackProblem } from '../core/packs/pack-file.ts';
import type { PackManifest } from '../core/packs/pack-manifest.ts';
import { SETTINGS_LIMITS } from '../core/settings-schema.ts';
import { formatSize } from './format-size.ts';
import { formatDateRange } from './format-source.ts';
import { useT } from './i18n.ts';

export interface DatasetListProps {
  packs: readonly InstalledPack[];
  /** The reader's age limit (`packMaxAgeDays`) and today, for the "older than" label. */
  maxAgeDays: number;
  now: Date;
  /** The background is still compiling the enabled packs: pages keep the previous marks until it is done. */
  updating: boolean;
  /** The background's compile of the enabled packs failed (the titles of the imported packs in it, and why). */
  failure?: { packs: readonly string[]; message: string } | undefined;
  /** Imported packs this version of News Context cannot use, with what is wrong with each, by pack id. */
  unusable?: ReadonlyMap<string, readonly PackProblem[]>;
  onToggle: (id: string, enabled: boolean) => void;
  onRemove: (id: string) => void;
  /** The pack's file as imported (or as built, for the bundled pack). */
  onExport: (id: string) => Promise<{ fileName: string; text: string } | undefined>;
  /**
   * Imports a chosen file, which it reads: called as soon as the file is chosen, so that the file itself can be
   * handed on (the background and the check read it too). Rejects with `UnreadablePackFile` when the file cannot
   * be read, with another error when the pack cannot be stored.
   */
  onImport: (chosen: ChosenPackFile, confirmed: boolean) => Promise<ImportOutcome>;
  onMaxAgeChange: (days: number) => void;
}

/** A pack file the reader chose or dropped. */
export interface ChosenPackFile {
  name: string;
  file: Blob;
}

/** What `onImport` rejects with when the chosen file cannot be read (removed, or not readable). */
export class UnreadablePackFile extends Error {}

/** How many of a rejected pack's problems are listed; the rest are counted. */
export const PROBLEMS_SHOWN = 12;
/** How many problems of an unusable installed pack its row lists; the rest are counted. */
export const UNUSABLE_PROBLEMS_SHOWN = 3;

/** What the section tells the reader after an import. */
type Notice =
  | { kind: 'installed'; manifest: PackManifest; replaced?: string }
  | { kind: 'rejected'; fileName: string; problems: PackProblem[] }
  | { kind: 'unreadable'; fileName: string }
  | { kind: 'failed'; fileName: string; reason: string }
  | {
      kind: 'confirm';
      fileName: string;
      chosen: ChosenPackFile;
      manifest: PackManifest;
      previous: string;
      reason: 'older' | 'same';
    };

/**
 * The options page's "Datasets": every installed pack with its title, version, as-of date, entity count and
 * size, a switch, export and (for imported packs) remove; import by file picker or drop, with every problem of
 * a rejected pack named by file, entity and field, and a question before an older or equal version replaces
 * the installed one.
 */
export function DatasetList(props: DatasetListProps) {
  const t = useT();
  const [notice, setNotice] = useState<Notice>();
  const [dragging, setDragging] = useState(false);
  const { packs, onImport } = props;

  const importChosen = async (chosen: ChosenPackFile, confirmed: boolean) => {
    const fileName = chosen.name;
    let outcome: ImportOutcome;
    try {
      outcome = await onImport(chosen, confirmed);
    } catch (error) {
      // The file could not be read, or storage refused the write (full disk, quota): nothing changed.
      setNotice(
        error instanceof UnreadablePackFile
          ? { kind: 'unreadable', fileName }
          : { kind: 'failed', fileName, reason: error instanceof Error ? error.message : String(error) },
      );
      return;
    }
    if (outcome.kind === 'installed') {
      setNotice({ kind: 'installed', manifest: outcome.pack.manifest, replaced: outcome.replaced?.manifest.version });
    } else if (outcome.kind === 'rejected') {
      setNotice({ kind: 'rejected', fileName, problems: outcome.problems });
    } else {
      setNotice({
        kind: 'confirm',
        fileName,
        chosen,
        manifest: outcome.manifest,
        previous: outcome.previous.manifest.version,
        reason: outcome.reason,
      });
    }
  };
  const importFiles = async (files: FileList | null | undefined) => {
    for (const file of files ?? []) await importChosen({ name: file.name, file }, false);
  };

  return (
    <section aria-labelledby="nc-opt-datasets" class="nc-datasets">
      <h2 id="nc-opt-datasets">{t('optionsDatasets')}</h2>
      <p class="nc-opt-note">{t('optionsDatasetsIntro')}</p>
      <ul class="nc-packs">
        {packs.map((pack) => (
          <PackRow key={pack.manifest.id} pack={pack} {...props} />
        ))}
      </ul>
      {!packs.some((pack) => pack.enabled) && <p class="nc-packs__status">{t('optionsPackNoneOn')}</p>}
      {props.failure ? (
        <p class="nc-packs__notice nc-packs__notice--error nc-packs__failure" role="alert">
          {t('optionsPackCompileFailed', [props.failure.packs.join(', '), props.failure.message])}
        </p>
      ) : (
        props.updating && (
          <p class="nc-packs__status" role="status">
            {t('optionsPackUpdating')}
          </p>
        )
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a pointer shortcut; the file picker inside is the way for keyboards and screen readers */}
      <div
        class={`nc-packs__drop${dragging ? ' nc-packs__drop--over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void importFiles(event.dataTransfer?.files);
        }}
      >
        <label class="nc-button nc-packs__pick">
          {t('optionsPackImport')}
          <input
            type="file"
            name="pack-file"
            class="nc-visually-hidden"
            accept=".json,application/json"
            onChange={(event) => {
              const input = event.currentTarget;
              void importFiles(input.files).finally(() => {
                // The same file can be chosen again (after fixing it, or to confirm a re-import).
                input.value = '';
              });
            }}
          />
        </label>
        <span class="nc-packs__drop-text">{t('optionsPackDrop')}</span>
      </div>
      <NoticeView
        notice={notice}
        onConfirm={(pending) => void importChosen(pending.chosen, true)}
        onDismiss={() => setNotice(undefined)}
      />
      <label class="nc-opt-row nc-packs__age">
        <span>{t('optionsPackMaxAge')}</span>
        <input
          type="number"
          name="packMaxAgeDays"
          min={SETTINGS_LIMITS.packMaxAgeMinDays}
          max={SETTINGS_LIMITS.packMaxAgeMaxDays}
          value={props.maxAgeDays}
          onChange={(event) => {
            const days = Number(event.currentTarget.value);
            if (
              Number.isInteger(days) &&
              days >= SETTINGS_LIMITS.packMaxAgeMinDays &&
              days <= SETTINGS_LIMITS.packMaxAgeMaxDays
            ) {
              props.onMaxAgeChange(days);
            }
          }}
        />
        <span>{t('optionsDays')}</span>
      </label>
    </section>
  );
}

function PackRow({
  pack,
  maxAgeDays,
  now,
  unusable,
  onToggle,
  onRemove,
  onExport,
}: { pack: InstalledPack } & DatasetListProps) {
  const t = useT();
  const { manifest } = pack;
  const stale = isPackStale(manifest.asOf, now, maxAgeDays);
  const problems = unusable?.get(manifest.id);
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const exportFile = async () => {
    const file = await onExport(manifest.id);
    if (file) download(file.fileName, file.text);
  };
  const classes = ['nc-pack', pack.enabled ? '' : 'nc-pack--off', problems ? 'nc-pack--unusable' : ''];
  return (
    <li class={classes.filter(Boolean).join(' ')} data-pack={manifest.id}>
      <div class="nc-pack__row">
        <div class="nc-pack__main">
          <label class="nc-pack__title">
            <input
              type="checkbox"
              role="switch"
              class="nc-switch"
              name={`pack-${manifest.id}`}
              checked={pack.enabled}
              aria-checked={pack.enabled}
              aria-label={t('optionsPackEnabled', manifest.title)}
              onChange={(event) => onToggle(manifest.id, event.currentTarget.checked)}
            />
            <span>{manifest.title}</span>
          </label>
          <p class="nc-pack__meta">
            <span>{t('optionsPackVersion', manifest.version)}</span>
            <span class="nc-pack__asof">{t('packAsOf', formatDateRange(manifest.asOf))}</span>
            {stale && <span class="nc-pack__stale">{t('optionsPackStale', String(maxAgeDays))}</span>}
            <span>{t('optionsPackEntities', pack.entities.toLocaleString('en'))}</span>
            <span>{formatSize(pack.bytes)}</span>
          </p>
          <p class="nc-pack__publisher">
            {pack.bundled ? t('optionsPackBundled') : manifest.publisher}
            {manifest.description ? ` · ${manifest.description}` : ''}
          </p>
        </div>
        <div class="nc-pack__actions">
          <button
            type="button"
            class="nc-button nc-pack__export"
            aria-label={t('optionsPackExportLabel', manifest.title)}
            onClick={() => void exportFile()}
          >
            {t('optionsPackExport')}
          </button>
          {!pack.bundled && (
            <button
              type="button"
              ref={removeButton}
              class="nc-button nc-pack__remove"
              aria-label={t('optionsPackRemoveLabel', manifest.title)}
              aria-expanded={confirming}
              onClick={() => setConfirming(true)}
            >
              {t('optionsRemove')}
            </button>
          )}
        </div>
      </div>
      {problems && <UnusableNote problems={problems} />}
      {confirming && (
        <RemoveConfirm
          title={manifest.title}
          onRemove={() => onRemove(manifest.id)}
          onCancel={() => {
            setConfirming(false);
            removeButton.current?.focus();
          }}
        />
      )}
    </li>
  );
}

/** Why an installed pack cannot be used: the first problems, the rest counted. */
function UnusableNote({ problems }: { problems: readonly PackProblem[] }) {
  const t = useT();
  const shown = problems.slice(0, UNUSABLE_PROBLEMS_SHOWN);
  return (
    <div class="nc-packs__notice nc-packs__notice--error nc-pack__unusable">
      <p>{t('optionsPackUnusable')}</p>
      <ul class="nc-packs__problems">
        {shown.map((problem, at) => (
          <li key={at}>{formatPackProblem(problem)}</li>
        ))}
      </ul>
      {problems.length > shown.length && <p>{t('optionsPackMoreProblems', String(problems.length - shown.length))}</p>}
    </div>
  );
}

/**
 * The question before a pack is removed, in the page rather than `window.confirm`: Chromium's embedded options
 * dialog and Firefox's about:addons do not show the page's own dialogs, and a question in the row says which
 * pack it is about. The focus starts on Cancel, so Enter pressed by habit removes nothing; Escape cancels.
 */
function RemoveConfirm({ title, onRemove, onCancel }: { title: string; onRemove: () => void; onCancel: () => void }) {
  const t = useT();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <fieldset
      class="nc-packs__notice nc-packs__notice--confirm nc-pack__confirm"
      aria-label={t('optionsPackRemoveLabel', title)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p>{t('optionsPackRemoveConfirm', title)}</p>
      <div class="nc-packs__confirm-actions">
        <button type="button" class="nc-button nc-button--danger nc-pack__remove-yes" onClick={onRemove}>
          {t('optionsPackRemoveYes')}
        </button>
        <button type="button" ref={cancel} class="nc-button nc-pack__remove-no" onClick={onCancel}>
          {t('optionsPackRemoveNo')}
        </button>
      </div>
    </fieldset>
  );
}

function NoticeView({
  notice,
  onConfirm,
  onDismiss,
}: {
  notice: Notice | undefined;
  onConfirm: (pending: Extract<Notice, { kind: 'confirm' }>) => void;
  onDismiss: () => void;
}) {
  const t = useT();
  if (!notice) return null;
  if (notice.kind === 'installed') {
    return (
      <p class="nc-packs__notice nc-packs__notice--ok" role="status">
        {notice.replaced
          ? t('optionsPackReplaced', [notice.manifest.title, notice.replaced, notice.manifest.version])
          : t('optionsPackInstalled', [notice.manifest.title, notice.manifest.version])}
      </p>
    );
  }
  if (notice.kind === 'unreadable' || notice.kind === 'failed') {
    return (
      <p class="nc-packs__notice nc-packs__notice--error" role="alert">
        {notice.kind === 'unreadable'
          ? t('optionsPackUnreadable', notice.fileName)
          : t('optionsPackStoreFailed', [notice.fileName, notice.reason])}
      </p>
    );
  }
  if (notice.kind === 'rejected') {
    const shown = notice.problems.slice(0, PROBLEMS_SHOWN);
    return (
      <div class="nc-packs__notice nc-packs__notice--error" role="alert">
        <p>{t('optionsPackRejected', notice.fileName)}</p>
        <ul class="nc-packs__problems">
          {shown.map((problem, at) => (
            <li key={at}>{formatPackProblem(problem)}</li>
          ))}
        </ul>
        {notice.problems.length > shown.length && (
          <p>{t('optionsPackMoreProblems', String(notice.problems.length - shown.length))}</p>
        )}
      </div>
    );
  }
  return (
    <div class="nc-packs__notice nc-packs__notice--confirm" role="alert">
      <p>
        {t(`optionsPackConfirm_${notice.reason}`, [
          notice.fileName,
          notice.manifest.version,
          notice.manifest.title,
          notice.previous,
        ])}
      </p>
      <div class="nc-packs__confirm-actions">
        <button type="button" class="nc-button nc-packs__replace" onClick={() => onConfirm(notice)}>
          {t('optionsPackReplace')}
        </button>
        <button type="button" class="nc-button" onClick={onDismiss}>
          {t('optionsPackKeep')}
        </button>
      </div>
    </div>
  );
}

/** Saves a text file the way a link with `download` does: no downloads permission, the same in both browsers. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Firefox starts the download after the click returns: the URL stays valid for a while.
  setTimeout(() => URL.revokeObjectURL(url), EXPORT_URL_LIFETIME_MS);
}

/** How long an exported file's blob: URL stays valid after the click. */
const EXPORT_URL_LIFETIME_MS = 60_000;
