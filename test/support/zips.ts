import { deflateRawSync } from 'node:zlib';

/** A ZIP archive built by hand (stored names as given, deflated data), so that hostile names and ratios can be written. */
function zip(entries: { nom: string; contenu: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { nom, contenu } of entries) {
    const name = Buffer.from(nom);
    const data = deflateRawSync(contenu, { level: 9 });
    const crc = crc32(contenu);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(contenu.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(contenu.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function crc32(buffer: Buffer): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** 10 files of 10 MB of zeros each, a few kilobytes compressed. */
export const zipBomb = () => zip(Array.from({ length: 10 }, (_, i) => ({ nom: `page${i}.pdf`, contenu: Buffer.alloc(10 * 1024 * 1024) })));

/** An archive whose entry climbs out of it. */
export const zipTraversee = () => zip([{ nom: '../../etc/cron.d/piece.pdf', contenu: Buffer.from('%PDF-1.4 not much') }]);

/** A well-formed archive of the given files. */
export const zipDe = (entries: { nom: string; contenu: Buffer }[]) => zip(entries);
