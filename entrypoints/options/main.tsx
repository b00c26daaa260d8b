import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings-schema.ts';
import { translate } from '../../src/ext/i18n.ts';
import { loadSettings, resetSettings, updateSettings, watchSettings } from '../../src/ext/settings-storage.ts';
import { I18nContext } from '../../src/ui/i18n.ts';
import { Options } from '../../src/ui/Options.tsx';
import '../../src/ui/popup.css';
import '../../src/ui/options.css';

/** Wires the options page to the stored settings; other windows' changes show up here too. */
function OptionsApp() {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    const controller = new AbortController();
    void loadSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    return () => controller.abort();
  }, []);
  if (!settings) return null;
  return (
    <Options
      settings={settings}
      onChange={(next) => {
        setSettings(next);
        void updateSettings(() => next);
      }}
      onReset={() => {
        setSettings(structuredClone(DEFAULT_SETTINGS as Settings));
        void resetSettings().then(setSettings);
      }}
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
