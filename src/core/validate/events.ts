/** Events in time: the precededBy/followedBy chain a timeline walks has no cycle. */
import type { Entity } from '../dataset-schema.ts';
import type { Checked, DatasetIssue } from './dataset-issue.ts';

/**
 * The precededBy/followedBy links between events never lead back to where they start: a cycle has no order a
 * timeline could show. Each link that closes a cycle is reported at the file and field that makes it.
 */
export function checkEventChains(entities: readonly Checked<Entity>[], issues: DatasetIssue[]): void {
  type Link = { to: string; at: { file: string; entityId: string; field: string } };
  const events = entities.filter(({ value }) => value.kind === 'event');
  const known = new Set(events.map(({ value }) => value.id));
  const links = new Map<string, Link[]>();
  const addLink = (from: string, to: string, at: Link['at']) => {
    if (from === to || !known.has(from) || !known.has(to)) return;
    const list = links.get(from) ?? [];
    list.push({ to, at });
    links.set(from, list);
  };
  for (const { file, value: entity } of events) {
    for (const [i, id] of (entity.precededBy ?? []).entries()) {
      addLink(id, entity.id, { file, entityId: entity.id, field: `precededBy.${i}` });
    }
    for (const [i, id] of (entity.followedBy ?? []).entries()) {
      addLink(entity.id, id, { file, entityId: entity.id, field: `followedBy.${i}` });
    }
  }
  // Depth-first over the links, without recursion: a back link to an event on the current path closes a cycle.
  const done = new Set<string>();
  for (const start of [...known].sort()) {
    if (done.has(start)) continue;
    const path: { id: string; next: number }[] = [{ id: start, next: 0 }];
    const onPath = new Map([[start, 0]]);
    while (path.length > 0) {
      const top = path[path.length - 1] as { id: string; next: number };
      const link = links.get(top.id)?.[top.next++];
      if (!link) {
        done.add(top.id);
        onPath.delete(top.id);
        path.pop();
        continue;
      }
      const back = onPath.get(link.to);
      if (back !== undefined) {
        const cycle = [...path.slice(back).map(({ id }) => id), link.to].join(' → ');
        issues.push({ ...link.at, message: `closes a cycle of precededBy/followedBy links: ${cycle}` });
      } else if (!done.has(link.to)) {
        onPath.set(link.to, path.length);
        path.push({ id: link.to, next: 0 });
      }
    }
  }
}
