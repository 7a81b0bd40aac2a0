/** Height of the band above an exported diagram that carries its title. */
export const TITLE_BAND = 40;

/** A file name for a diagram: the pattern's title, without path characters. */
export function diagramFileName(title: string, extension: 'svg' | 'png') {
  const base = title
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${base || 'diagram'}.${extension}`;
}

/** Reads a URL (an icon asset) into a base64 data: URL. */
export async function fetchAsDataUrl(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`Could not load ${url}: ${response.status}`);
  }
  const type = response.headers.get('content-type') || 'image/svg+xml';
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:${type.split(';')[0]};base64,${btoa(binary)}`;
}

/**
 * A standalone SVG document of a drawn diagram: the pattern's title above it,
 * a solid background, and every icon inlined as a data: URL, so that the file
 * shows the same picture anywhere (and can be drawn onto a canvas for PNG).
 */
export async function diagramSvgDocument(
  svg: SVGSVGElement,
  options: {
    title: string;
    background: string;
    color: string;
    loadImage?: (href: string) => Promise<string>;
  },
): Promise<{ markup: string; width: number; height: number }> {
  const load = options.loadImage ?? fetchAsDataUrl;
  const [, , width, drawingHeight] = (svg.getAttribute('viewBox') ?? '')
    .split(' ')
    .map(Number);
  const height = drawingHeight + TITLE_BAND;
  const ns = 'http://www.w3.org/2000/svg';
  const doc = svg.ownerDocument;

  const root = doc.createElementNS(ns, 'svg');
  root.setAttribute('xmlns', ns);
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute(
    'font-family',
    svg.getAttribute('font-family') ?? 'sans-serif',
  );
  const titleElement = doc.createElementNS(ns, 'title');
  titleElement.textContent = options.title;
  root.appendChild(titleElement);
  const background = doc.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', options.background);
  root.appendChild(background);
  const heading = doc.createElementNS(ns, 'text');
  heading.setAttribute('x', '12');
  heading.setAttribute('y', '26');
  heading.setAttribute('font-size', '18');
  heading.setAttribute('font-weight', '700');
  heading.setAttribute('fill', options.color);
  heading.textContent = options.title;
  root.appendChild(heading);
  const drawing = doc.createElementNS(ns, 'g');
  drawing.setAttribute('transform', `translate(0 ${TITLE_BAND})`);
  for (const child of Array.from(svg.childNodes)) {
    drawing.appendChild(child.cloneNode(true));
  }
  root.appendChild(drawing);

  const images = Array.from(drawing.querySelectorAll('image'));
  const cache = new Map<string, Promise<string>>();
  await Promise.all(
    images.map(async image => {
      const href = image.getAttribute('href');
      if (!href || href.startsWith('data:')) return;
      if (!cache.has(href)) cache.set(href, load(href));
      image.setAttribute('href', await cache.get(href)!);
    }),
  );
  return {
    markup: new XMLSerializer().serializeToString(root),
    width,
    height,
  };
}

/** Draws an SVG document onto a canvas (twice the size, for sharp text) as PNG. */
export async function svgToPng(
  document: { markup: string; width: number; height: number },
  scale = 2,
): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
    document.markup,
  )}`;
  await image.decode();
  const canvas = window.document.createElement('canvas');
  canvas.width = Math.ceil(document.width * scale);
  canvas.height = Math.ceil(document.height * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, document.width, document.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      blob => (blob ? resolve(blob) : reject(new Error('PNG export failed'))),
      'image/png',
    ),
  );
}

/** Offers a blob to the user as a downloaded file. */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = window.document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  window.document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
