/** The pager of a list read page by page (useLivePages): a button for the next page while there is one. */
export function LoadMore({
  list,
  label,
}: {
  list: { hasMore: boolean; loadMore: () => Promise<unknown> | void };
  label: string;
}) {
  if (!list.hasMore) return null;
  return (
    <button type="button" onClick={() => void list.loadMore()}>
      {label}
    </button>
  );
}
