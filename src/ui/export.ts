/** Downloads from the page: files from text, and charts as PNG from their SVG. */

/** Saves `text` as a file named `name`. */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  downloadBlob(name, new Blob([text], { type }));
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(v: unknown): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** The chart's drawing: its largest SVG (recharts also draws small SVG legend icons). */
function mainSvg(container: HTMLElement): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let area = 0;
  for (const svg of container.querySelectorAll('svg')) {
    const r = svg.getBoundingClientRect();
    if (r.width * r.height > area) {
      area = r.width * r.height;
      best = svg;
    }
  }
  return best;
}

/** The legend's entries (HTML beside the SVG; see ChartCard, and recharts' own): label and colour. */
function legendEntries(container: HTMLElement): Array<{ text: string; colour: string }> {
  const ours = [...container.querySelectorAll<HTMLElement>('.legend-item')].map((item) => ({ text: item.textContent?.trim() ?? '', colour: item.dataset.legendColour ?? '#333' }));
  const theirs = [...container.querySelectorAll('.recharts-legend-item')].map((item) => {
    const mark = item.querySelector('path, line, circle');
    const colour = mark?.getAttribute('stroke') && mark.getAttribute('stroke') !== 'none' ? mark.getAttribute('stroke')! : (mark?.getAttribute('fill') ?? '#333');
    return { text: item.textContent?.trim() ?? '', colour };
  });
  return [...ours, ...theirs];
}

const LEGEND_ROW = 18;

/**
 * Renders a chart (its main SVG, plus its legend drawn below) to a PNG at 2× scale on white and
 * saves it. The SVG is serialised with its computed font so text looks the same off the page.
 */
export async function downloadSvgAsPng(container: HTMLElement, name: string): Promise<void> {
  const svg = mainSvg(container);
  if (!svg) throw new Error('This chart has nothing drawn yet.');
  const { width, height } = svg.getBoundingClientRect();
  const legend = legendEntries(container);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.style.fontFamily = getComputedStyle(container).fontFamily;
  const source = new XMLSerializer().serializeToString(clone);
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('The chart could not be rendered to an image.'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await loaded;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + legend.length * LEGEND_ROW + (legend.length ? 8 : 0)) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw to a canvas.');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, width * scale, height * scale);
  ctx.scale(scale, scale);
  ctx.font = `12px ${getComputedStyle(container).fontFamily}`;
  legend.forEach((entry, i) => {
    const y = height + 8 + i * LEGEND_ROW + LEGEND_ROW / 2;
    ctx.fillStyle = entry.colour;
    ctx.fillRect(12, y - 2, 18, 4);
    ctx.fillStyle = '#1b2430';
    ctx.fillText(entry.text, 36, y + 4);
  });
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The chart could not be encoded as PNG.');
  downloadBlob(name, blob);
}
