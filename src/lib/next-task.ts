/**
 * A turn for the screen: resolves in the page's next task, so a keystroke or a frame waiting
 * behind long work (an import's batches, a sync's slices, a sort in steps) goes first.
 */
export const nextTask = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));
