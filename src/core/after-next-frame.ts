/**
 * Resolves in a task after the next frame was rendered (so pending style and layout work is the page's
 * rendering, not our task), or after `timeoutMs` where no frame comes (background tabs never render).
 */
export function afterNextFrame(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
  });
}
