// Numbers as a person reads them: sizes, rates and times left. No DOM, so node --test covers it.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 0 B, 999 B, 1.0 KiB, 12.3 MiB, 4.00 GiB: three significant digits from 1 KiB on. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '?';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) {
    return value + ' B';
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toFixed(digits) + ' ' + UNITS[unit];
}

/** 5 s, 3 min 20 s, 2 h 05 min: a time left, rounded up to the second. */
export function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) {
    return '?';
  }
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) {
    return seconds + ' s';
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return minutes + ' min ' + String(seconds % 60).padStart(2, '0') + ' s';
  }
  return Math.floor(minutes / 60) + ' h ' + String(minutes % 60).padStart(2, '0') + ' min';
}

/**
 * The line of a progress display: "1.50 MiB of 3.00 MiB (50%) · 750 KiB/s · 2 s left". Rate and
 * time left appear once some time has passed and some bytes moved. `held` bytes of `done` were
 * there before the transfer started (a resumed one): they count as done but not for the rate.
 */
export function progressText(done, total, elapsedMs, held = 0) {
  const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
  let text = formatBytes(done) + ' of ' + formatBytes(total) + ' (' + percent + '%)';
  if (elapsedMs >= 200 && done > held) {
    const rate = ((done - held) * 1000) / elapsedMs;
    text += ' · ' + formatBytes(rate) + '/s';
    if (done < total) {
      text += ' · ' + formatDuration(((total - done) * 1000) / rate) + ' left';
    }
  }
  return text;
}

/** "3 files, 1 folder, 12.0 MiB". */
export function summary(files, folders, bytes) {
  const parts = [files + (files === 1 ? ' file' : ' files')];
  if (folders > 0) {
    parts.push(folders + (folders === 1 ? ' folder' : ' folders'));
  }
  parts.push(formatBytes(bytes));
  return parts.join(', ');
}
