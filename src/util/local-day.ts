/** The box's local calendar day, YYYY-MM-DD (daily alerts, card expiry dates). */
export function localDay(date = new Date()): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** The instant a local day (YYYY-MM-DD) begins, as an ISO timestamp like the store's. */
export function localDayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}
