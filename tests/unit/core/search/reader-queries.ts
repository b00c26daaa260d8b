/**
 * Queries a reader types into the popup, written for these tests: descriptions the way articles introduce
 * people ("the Finnish president"), and misspellings in any word. Each with the entity it should rank first.
 */
export const READER_QUERIES: readonly (readonly [string, string])[] = Object.freeze([
  ['finnish president', 'person/alexander-stubb'],
  ['nato chief', 'person/mark-rutte'],
  ['tarrif india', 'event/india-tariff-order'],
  ['merts', 'person/friedrich-merz'],
  ['foreign ministry spokeswoman', 'person/maria-zakharova'],
  ['kremlin spokesman', 'person/dmitry-peskov'],
  ['us special envoy', 'person/steve-witkoff'],
  ['witkof', 'person/steve-witkoff'],
  ['vladmir putin', 'person/vladimir-putin'],
  ['german chancelor', 'person/friedrich-merz'],
  ['italian prime minister', 'person/giorgia-meloni'],
  ['british prime minster', 'person/keir-starmer'],
  ['french president', 'person/emmanuel-macron'],
  ['secretary of state', 'person/marco-rubio'],
  ['kremlin aide', 'person/yuri-ushakov'],
  ['alaska sumit', 'event/alaska-summit'],
  ['security garantees', 'topic/security-guarantees'],
  ['minerls deal', 'event/minerals-deal'],
  ['commission president', 'person/ursula-von-der-leyen'],
  ['ushakof', 'person/yuri-ushakov'],
  ['trilaterel meeting', 'event/trilateral-summit'],
  ['volodimir zelenski', 'person/volodymyr-zelensky'],
  ['istambul talks', 'event/istanbul-talks'],
  ['putin advisor', 'person/yuri-ushakov'],
]);
