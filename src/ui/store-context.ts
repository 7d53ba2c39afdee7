// One Context per store, with an accessor that fails loudly when used outside its provider.
import { createContext, useContext, type Context } from 'solid-js';

export function createStoreContext<T>(name: string): [Context<T | undefined>, () => T] {
  const context = createContext<T>();
  const use = () => {
    const value = useContext(context);
    if (value === undefined) throw new Error(`${name} is used outside <DeckProvider>.`);
    return value;
  };
  return [context, use];
}
