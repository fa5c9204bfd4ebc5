import { type Role, roleLabels, roles } from '@parcours/contracts';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});
const dateTimeSeconds = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

function parse(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "12/03/2025 14:05" (Paris time); '—' when empty. */
export function formatDateTime(value: string | null | undefined, withSeconds = false): string {
  const date = parse(value);
  if (!date) return '—';
  return (withSeconds ? dateTimeSeconds : dateTime).format(date);
}

export function isInFuture(value: string | null | undefined): boolean {
  const date = parse(value);
  return date !== null && date.getTime() > Date.now();
}

export function isRole(value: string | null | undefined): value is Role {
  return !!value && (roles as readonly string[]).includes(value);
}

/** French label of a role code; unknown codes are shown as is. */
export function roleLabel(value: string | null | undefined): string {
  if (!value) return '—';
  return isRole(value) ? roleLabels[value] : value;
}

/** Shared with the server's French texts. */
export { plural } from '@parcours/contracts';

const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' });
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "13/06/1985" from "1985-06-13" (calendar date, no time zone shift) or from a timestamp (Paris day); '—' when empty. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const day = isoDay.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const date = parse(value);
  return date ? dateOnly.format(date) : value;
}

/** The calendar day of a value, YYYY-MM-DD (for <time dateTime>). */
export function isoDate(value: string): string {
  return isoDay.test(value) ? value : value.slice(0, 10);
}

/** Today in the user's time zone, YYYY-MM-DD (default of date inputs). */
export function todayIso(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Age in full years on today's date, from YYYY-MM-DD; null when unknown. */
export function ageFrom(birthDate: string | null | undefined): number | null {
  const day = birthDate ? isoDay.exec(birthDate) : null;
  if (!day) return null;
  const now = new Date();
  let age = now.getFullYear() - Number(day[1]);
  const month = now.getMonth() + 1;
  if (month < Number(day[2]) || (month === Number(day[2]) && now.getDate() < Number(day[3]))) age -= 1;
  return age >= 0 ? age : null;
}

export function formatNumber(value: number): string {
  return value.toLocaleString('fr-FR');
}

/** "12,4 Mo" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('fr-FR')} octets`;
  const units = ['Ko', 'Mo', 'Go'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('fr-FR', { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

/** Whole percentage of done/total, 0 when the total is unknown. */
export function percent(done: number, total: number): number {
  if (!total || total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** "1 85 06 13 202 123 45": the NIR in its usual groups (13 or 15 characters); other values as they are. */
export function formatNir(nir: string | null | undefined): string {
  if (!nir) return '—';
  const compact = nir.replace(/\s+/g, '');
  if (compact.length !== 13 && compact.length !== 15) return nir;
  const groups = [compact.slice(0, 1), compact.slice(1, 3), compact.slice(3, 5), compact.slice(5, 7)];
  groups.push(compact.slice(7, 10), compact.slice(10, 13));
  if (compact.length === 15) groups.push(compact.slice(13, 15));
  return groups.join(' ');
}

/** Duration in French: "850 ms", "12 s", "3 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
}
