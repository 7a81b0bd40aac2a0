/** A file the page offered for download. */
export type CapturedDownload = {
  fileName: string;
  href: string;
  blob: Blob;
  /** Whether the link was in the document when it was clicked. */
  linkInDocument: boolean;
};

/**
 * Reads a Blob as text: with Blob.text() where the test environment's Blob
 * has it, else with jsdom's FileReader.
 */
export function readBlob(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') {
    return blob.text();
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/**
 * Captures downloads made through a Blob URL and a clicked anchor: replaces
 * URL.createObjectURL (which jsdom lacks) and intercepts anchor clicks, so
 * no navigation happens. Call restore() after the test.
 */
export function captureDownloads() {
  const downloads: CapturedDownload[] = [];
  const blobs = new Map<string, Blob>();
  const hadCreate = 'createObjectURL' in URL;
  const hadRevoke = 'revokeObjectURL' in URL;
  const originalCreate = URL.createObjectURL;
  const originalRevoke = URL.revokeObjectURL;

  const createObjectURL = jest.fn((blob: Blob) => {
    const url = `blob:http://localhost/download-${blobs.size + 1}`;
    blobs.set(url, blob);
    return url;
  });
  const revokeObjectURL = jest.fn((_url: string) => {});
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;

  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function capture(this: HTMLAnchorElement) {
      const href = this.getAttribute('href') ?? '';
      const blob = blobs.get(href);
      if (!blob) {
        throw new Error(`Clicked a link to ${href}, which is no Blob URL`);
      }
      downloads.push({
        fileName: this.download,
        href,
        blob,
        linkInDocument: this.isConnected,
      });
    });

  return {
    downloads,
    createObjectURL,
    revokeObjectURL,
    restore() {
      click.mockRestore();
      if (hadCreate) URL.createObjectURL = originalCreate;
      else delete (URL as Partial<typeof URL>).createObjectURL;
      if (hadRevoke) URL.revokeObjectURL = originalRevoke;
      else delete (URL as Partial<typeof URL>).revokeObjectURL;
    },
  };
}
