import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { compiledIsCurrent, newImportId, type PackIndex } from '../../src/core/pack-index.ts';
import type { PackProblem } from '../../src/core/packs/pack-file.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings-schema.ts';
import { bundledPack } from '../../src/ext/bundled-pack.ts';
import { checkPackInWorker } from '../../src/ext/check-pack-in-worker.ts';
import {
  dropChosenFiles,
  handToBackgroundPage,
  handToBackgroundWorker,
  holdChosenFile,
} from '../../src/ext/chosen-pack-file.ts';
import {
  type CompileFailure,
  failureIsCurrent,
  readCompileFailure,
  watchCompileFailure,
} from '../../src/ext/compile-failure.ts';
import { compiledStamp, watchCompiled } from '../../src/ext/compiled-source.ts';
import { translate } from '../../src/ext/i18n.ts';
import { optionsToBackground } from '../../src/ext/messages/options-to-background.ts';
import { createPackStore } from '../../src/ext/pack-store.ts';
import { loadSettings, resetSettings, updateSettings, watchSettings } from '../../src/ext/settings-storage.ts';
import { type ChosenPackFile, DatasetList, UnreadablePackFile } from '../../src/ui/DatasetList.tsx';
import { I18nContext } from '../../src/ui/i18n.ts';
import { Options } from '../../src/ui/Options.tsx';
import '../../src/ui/popup.css';
import '../../src/ui/options.css';

const packStore = createPackStore(bundledPack);

/**
 * Imports a pack file, checked in a worker that reads the file itself (docs/pack-import.md): this page does not
 * read it. Meanwhile the background compiles the packs as they will be if the import is stored,
 * from the file itself, which it reads on its own thread: posted to Chromium's service worker
 * (`handToBackgroundWorker`), handed to Firefox's background page in a call (`handToBackgroundPage`); should
 * neither be reached, it goes through the large texts (`holdChosenFile`), and whatever of it is left there goes
 * once the import is over. Told when the import stored nothing, the background drops what it compiled. The pack
 * is stored as the chosen file itself, which the browser copies off this page's thread (`LargeText`). Rejects
 * when the file cannot be read (the background, reading it too, compiles nothing) or the pack cannot be stored.
 * The import's id goes with the file to the background and is recorded with the pack: by it the background knows
 * the file stored is the one it compiled.
 */
async function importPack({ file, name }: ChosenPackFile, confirmed: boolean) {
  const dropAhead = () => void optionsToBackground.sendMessage('packNotImported', undefined).catch(() => {});
  const importId = newImportId();
  const handed = import.meta.env.FIREFOX
    ? await handToBackgroundPage(file, confirmed, importId)
    : await handToBackgroundWorker(file, confirmed, importId);
  const checking = checkPackInWorker(file, name).catch((error: unknown) => {
    dropAhead();
    throw new UnreadablePackFile(`${name} could not be read`, { cause: error });
  });
  checking.catch(() => {});
  const kept = handed ? Promise.resolve(undefined) : holdChosenFile(file).catch(() => undefined);
  // A background that cannot be reached compiles after the import instead, as it always did.
  void kept
    .then((key) => (key ? optionsToBackground.sendMessage('packChosen', { key, confirmed, importId }) : undefined))
    .catch(() => {});
  try {
    const outcome = await packStore
      .importPack(file, name, {
        confirmed,
        checked: checking,
        importId,
      })
      .catch((error: unknown) => {
        dropAhead();
        throw error;
      });
    if (outcome.kind !== 'installed') dropAhead();
    return outcome;
  } finally {
    // Once the file is kept (a check that fails at once may finish first), nothing of it stays.
    await kept;
    await dropChosenFiles().catch(() => {});
  }
}

/** Wires the options page to the stored settings and packs; other windows' changes show up here too. */
function OptionsApp() {
  const [settings, setSettings] = useState<Settings>();
  const [packs, setPacks] = useState<PackIndex>();
  const [compiledCurrent, setCompiledCurrent] = useState(true);
  const [failure, setFailure] = useState<CompileFailure>();
  const [unusable, setUnusable] = useState<ReadonlyMap<string, readonly PackProblem[]>>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    void packStore.index().then(setPacks);
    packStore.watch(setPacks, controller.signal);
    return () => controller.abort();
  }, []);
  useEffect(() => {
    if (!packs) return;
    const controller = new AbortController();
    const check = () => void compiledStamp().then((stamp) => setCompiledCurrent(compiledIsCurrent(packs, stamp)));
    check();
    watchCompiled(check, controller.signal);
    const readFailure = () => void readCompileFailure().then(setFailure);
    readFailure();
    watchCompileFailure(readFailure, controller.signal);
    // Packs stored before an update of the extension are checked again here, once, enabled or not.
    const readUnusable = () => void packStore.unusable().then(setUnusable);
    readUnusable();
    packStore.watchChecks(readUnusable, controller.signal);
    return () => controller.abort();
  }, [packs]);
  if (!settings) return null;
  const change = (next: Settings) => {
    setSettings(next);
    void updateSettings(() => next);
  };
  return (
    <Options
      settings={settings}
      onChange={change}
      onReset={() => {
        setSettings(structuredClone(DEFAULT_SETTINGS as Settings));
        void resetSettings().then(setSettings);
      }}
      datasets={
        packs && (
          <DatasetList
            packs={packs.packs}
            maxAgeDays={settings.packMaxAgeDays}
            now={new Date()}
            updating={!compiledCurrent}
            failure={
              failureIsCurrent(packs, failure) && failure
                ? { packs: failure.packs.map((pack) => pack.title), message: failure.message }
                : undefined
            }
            unusable={unusable}
            onToggle={(id, enabled) => void packStore.setEnabled(id, enabled).then(setPacks)}
            onRemove={(id) => void packStore.remove(id).then(setPacks)}
            onExport={(id) => packStore.packFile(id)}
            onImport={async (chosen, confirmed) => {
              const outcome = await importPack(chosen, confirmed);
              if (outcome.kind === 'installed') setPacks(await packStore.index());
              return outcome;
            }}
            onMaxAgeChange={(days) => change({ ...settings, packMaxAgeDays: days })}
          />
        )
      }
    />
  );
}

document.title = translate('optionsTitle');
document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <I18nContext.Provider value={translate}>
    <OptionsApp />
  </I18nContext.Provider>,
  document.getElementById('app') as HTMLElement,
);
