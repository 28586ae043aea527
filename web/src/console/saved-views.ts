/** A named set of queue filters a member of staff saved in this browser (the hash's query string). */
export interface SavedView {
  name: string;
  query: string;
}

const KEY = 'complaints.console-views';

export const savedViews = (): SavedView[] => {
  try {
    const views = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(views)
      ? views.filter(
          (view): view is SavedView =>
            typeof view === 'object' &&
            view !== null &&
            typeof (view as SavedView).name === 'string' &&
            typeof (view as SavedView).query === 'string',
        )
      : [];
  } catch {
    return []; // a damaged entry must not take the queue down with it
  }
};

/** Saves (or replaces, by name) a view; returns the list as stored. */
export const saveView = (view: SavedView): SavedView[] => {
  const views = [...savedViews().filter((other) => other.name !== view.name), view];
  localStorage.setItem(KEY, JSON.stringify(views));
  return views;
};

export const deleteView = (name: string): SavedView[] => {
  const views = savedViews().filter((view) => view.name !== name);
  localStorage.setItem(KEY, JSON.stringify(views));
  return views;
};
