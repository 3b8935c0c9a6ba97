// Shortens user text for labels (buttons name the item they act on).
export const short = (text: string, max = 60): string => (text.length > max ? text.slice(0, max - 1) + "…" : text);
