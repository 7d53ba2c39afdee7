// A component that lives in a chunk of its own, fetched the first time it is rendered. Imported
// by hand rather than with Solid's lazy(), whose Suspense machinery would join the entry chunk.
import { Show, createSignal, untrack, type Component, type JSX } from 'solid-js';

/**
 * Wraps `load` (a dynamic import of a module whose default export is the component) as a
 * component. While it loads, `fallback` shows; if it cannot load, an alert names `what`.
 */
export function chunkView<P extends object>(
  load: () => Promise<{ default: Component<P> }>,
  what: string,
  fallback?: () => JSX.Element,
): Component<P> {
  const [view, setView] = createSignal<Component<P>>();
  const [failed, setFailed] = createSignal<string>();
  let requested = false;
  return (props: P) => {
    if (!requested) {
      requested = true;
      load().then(
        (module) => setView(() => module.default),
        (error: unknown) => setFailed(`${what} could not load: ${String(error)}`),
      );
    }
    return (
      <Show when={view()} fallback={failed() ? <p role="alert">{failed()}</p> : fallback?.()}>
        {(View) => untrack(() => View()(props))}
      </Show>
    );
  };
}
