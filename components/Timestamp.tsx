import { formatDate, formatDateTime } from '@/lib/dates';

export function Timestamp({ iso, long = false }: { iso: string; long?: boolean }) {
  return <time dateTime={iso}>{long ? formatDateTime(iso) : formatDate(iso)}</time>;
}
