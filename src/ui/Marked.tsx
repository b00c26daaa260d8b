import type { MarkedPart } from '../core/search/search-entities.ts';

/** Text with the characters a search matched wrapped in `<mark>`. */
export function Marked({ parts }: { parts: readonly MarkedPart[] }) {
  return <>{parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}
