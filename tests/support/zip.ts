// Reading a zip back in tests: every entry in memory with what its header says, for the workbook, report and
// package tests alike.
import yauzl from 'yauzl';

export interface ZipEntryRead {
  data: Buffer;
  method: number;
  crc32: number;
  flags: number;
}

/** Every entry of `file` by name; `strictFileNames` makes yauzl refuse names a careful writer never makes. */
export async function readZipEntries(
  file: string,
  options: { strictFileNames?: boolean } = {},
): Promise<Map<string, ZipEntryRead>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, strictFileNames: options.strictFileNames ?? false }, (err, z) =>
      err ? reject(err) : resolve(z),
    ),
  );
  const entries = new Map<string, ZipEntryRead>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          entries.set(entry.fileName, {
            data: Buffer.concat(chunks),
            method: entry.compressionMethod,
            crc32: entry.crc32,
            flags: entry.generalPurposeBitFlag,
          });
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

/** Every entry's bytes by name. */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const entries = await readZipEntries(file);
  return new Map([...entries].map(([name, entry]) => [name, entry.data]));
}
