import { render } from 'preact';
import type { CompiledSearch } from '../../src/core/search/search-entities.ts';
import { loadSearch } from '../../src/core/search/search-entities.ts';
import compiledSearch from '../../src/data/compiled/search.json';
import { Popup } from '../../src/ui/Popup.tsx';
import '../../src/ui/popup.css';

const fuse = loadSearch(compiledSearch as CompiledSearch);
render(<Popup fuse={fuse} />, document.getElementById('app') as HTMLElement);
