// Shared by the page and its Playwright test, so the test expects exactly what the page prints.

/** 1234.5 → "1,235 ms". */
export function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString("en-US")} ms`;
}

/** Bytes as kB with one decimal (1 kB = 1000 bytes, as the bench prints them): 135412 → "135.4 kB". */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** 2312 → "2,312 B". */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} B`;
}

/** An ISO date as "2026-11-22 15:28 UTC". */
export function formatDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
