import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { AppError } from '../app-error.ts';
import type { Box, GreyPixels, PageImage, Pixels } from './page-types.ts';

/** What an image file says about itself, read from its header without decoding pixels. */
export type ImageInfo = {
  format: string;
  width: number;
  height: number;
  /** Number of pages (TIFF directories); 1 for single images. */
  pages: number;
  /** Declared resolution in dpi, if any. */
  density: number | null;
  /** EXIF/TIFF orientation tag (1 = as stored). */
  orientation: number;
  channels: number;
};

export type ImageOpsOptions = {
  /** Largest number of pixels any input image may have; checked before decoding. Default 100 M (≈ A0 at 300 dpi). */
  maxPixels?: number;
  /** libvips threads (process-wide). Left as is when not given. */
  concurrency?: number;
};

/** Every sharp (libvips) call of the page engine. Errors come out as AppError. */
export type ImageOps = {
  readonly maxPixels: number;
  probe(bytes: Uint8Array, page?: number): Promise<ImageInfo>;
  /** One page of an image file, upright per its orientation tag, alpha flattened on white. */
  decode(bytes: Uint8Array, page?: number): Promise<Pixels>;
  /** Greyscale pixels of a page image, optionally scaled (scale < 1 shrinks) in the same pass. */
  toGrey(image: PageImage | Pixels, scale?: number): Promise<GreyPixels>;
  /** An RGB copy of a page image, shrunk to fit `maxSide` (never enlarged), alpha flattened on white. */
  toColour(image: PageImage | Pixels, maxSide: number): Promise<Pixels>;
  resize(grey: GreyPixels, width: number, height: number): Promise<GreyPixels>;
  /** Gaussian blur of the given sigma (pixels). */
  blur(grey: GreyPixels, sigma: number): Promise<GreyPixels>;
  /**
   * Clockwise rotation in degrees, white fill. Quarter turns are exact; any other angle keeps the
   * size of the nearest quarter-turned page (the centre is kept, the grown corners cut off).
   */
  rotate(grey: GreyPixels, degrees: number): Promise<GreyPixels>;
  encodePng(pixels: Pixels, dpi: number): Promise<Buffer>;
  encodeJpeg(pixels: Pixels, dpi: number, quality: number): Promise<Buffer>;
  /** An image file (a stored page) as WebP, cut to `zone` when given: what a review screen shows. */
  toWebp(bytes: Uint8Array, options: { quality: number; zone?: Box | undefined }): Promise<Buffer>;
};

const DEFAULT_MAX_PIXELS = 100_000_000;
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

/** Maps a libvips failure to the service's error codes. */
export function imageError(err: unknown, what = 'image'): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit|exceeds.*limit|too large|dimensions/i.test(message)) {
    return new AppError('dimensions_excessives', `Dimensions de l'${what} excessives`, { cause: message });
  }
  if (/unsupported image format/i.test(message)) {
    return new AppError('format_non_supporte', `Format d'${what} non reconnu`, { cause: message });
  }
  return new AppError('fichier_illisible', `${what[0]?.toUpperCase()}${what.slice(1)} illisible`, { cause: message });
}

function rawInput(p: Pixels): SharpOptions {
  return { raw: { width: p.width, height: p.height, channels: p.channels } };
}

async function greyRaw(pipeline: Sharp): Promise<GreyPixels> {
  const { data, info } = await pipeline.toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new AppError('erreur_interne', `Conversion en gris: ${info.channels} canaux`);
  return { data, width: info.width, height: info.height, channels: 1 };
}

/** Cuts `box` out of pixels (plain copy of rows). */
export function cropPixels<P extends Pixels>(p: P, box: Box): P {
  const { channels } = p;
  const rowBytes = box.width * channels;
  const out = Buffer.allocUnsafe(rowBytes * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.top + y) * p.width + box.left) * channels;
    p.data.copy(out, y * rowBytes, from, from + rowBytes);
  }
  return { ...p, data: out, width: box.width, height: box.height };
}

export function createImageOps(options: ImageOpsOptions = {}): ImageOps {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (options.concurrency !== undefined) sharp.concurrency(options.concurrency);
  const input = (page?: number): SharpOptions => ({
    limitInputPixels: maxPixels,
    ...(page === undefined ? {} : { page, pages: 1 }),
  });

  return {
    maxPixels,

    async probe(bytes, page) {
      try {
        const m = await sharp(bytes, input(page)).metadata();
        const density = m.density && m.density > 0 ? m.density : null;
        return {
          format: m.format,
          width: m.width,
          height: m.pageHeight ?? m.height,
          pages: m.pages ?? 1,
          density,
          orientation: m.orientation ?? 1,
          channels: m.channels,
        };
      } catch (err) {
        throw imageError(err);
      }
    },

    async decode(bytes, page) {
      try {
        const image = sharp(bytes, { ...input(page), autoOrient: true });
        const { space, channels } = await image.metadata();
        const flat = image.flatten({ background: WHITE });
        // keep grey and 1-bit scans at one byte a pixel (a third of the memory)
        const grey = space === 'b-w' || space === 'grey16' || channels <= 2;
        const { data, info } = await (grey ? flat.toColourspace('b-w') : flat).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
        return { data, width: info.width, height: info.height, channels: info.channels };
      } catch (err) {
        throw imageError(err);
      }
    },

    async toGrey(image, scale = 1) {
      try {
        const pixels = 'kind' in image ? (image.kind === 'pixels' ? image.pixels : null) : image;
        const base = pixels ? sharp(pixels.data, rawInput(pixels)) : sharp((image as { bytes: Buffer }).bytes, input()); // JPEGs reaching here carry no turn to apply
        let pipeline = base.flatten({ background: WHITE });
        if (scale !== 1) {
          const meta = pixels ?? (image as { width: number; height: number });
          pipeline = pipeline.resize({
            width: Math.max(1, Math.round(meta.width * scale)),
            height: Math.max(1, Math.round(meta.height * scale)),
            fit: 'fill',
            kernel: 'lanczos3',
          });
        }
        return await greyRaw(pipeline);
      } catch (err) {
        throw imageError(err);
      }
    },

    async toColour(image, maxSide) {
      try {
        const pixels = 'kind' in image ? (image.kind === 'pixels' ? image.pixels : null) : image;
        const base = pixels ? sharp(pixels.data, rawInput(pixels)) : sharp((image as { bytes: Buffer }).bytes, input());
        const { data, info } = await base
          .flatten({ background: WHITE })
          .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
          .toColourspace('srgb')
          .removeAlpha()
          .raw({ depth: 'uchar' })
          .toBuffer({ resolveWithObject: true });
        return { data, width: info.width, height: info.height, channels: info.channels as Pixels['channels'] };
      } catch (err) {
        throw imageError(err);
      }
    },

    async resize(grey, width, height) {
      return greyRaw(sharp(grey.data, rawInput(grey)).resize({ width, height, fit: 'fill' }));
    },

    async blur(grey, sigma) {
      return greyRaw(sharp(grey.data, rawInput(grey)).blur(sigma));
    },

    async rotate(grey, degrees) {
      const angle = ((degrees % 360) + 360) % 360;
      const quarter = (Math.round(angle / 90) % 4) * 90;
      const out = await greyRaw(sharp(grey.data, rawInput(grey)).rotate(angle, { background: WHITE }));
      if (angle === quarter) return out;
      const [width, height] = quarter % 180 === 0 ? [grey.width, grey.height] : [grey.height, grey.width];
      const left = Math.max(0, Math.floor((out.width - width) / 2));
      const top = Math.max(0, Math.floor((out.height - height) / 2));
      return cropPixels(out, {
        left,
        top,
        width: Math.min(width, out.width - left),
        height: Math.min(height, out.height - top),
      });
    },

    async encodePng(pixels, dpi) {
      return sharp(pixels.data, rawInput(pixels)).withDensity(dpi).png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer();
    },

    async encodeJpeg(pixels, dpi, quality) {
      const pipeline = sharp(pixels.data, rawInput(pixels));
      return (pixels.channels === 1 ? pipeline.toColourspace('b-w') : pipeline)
        .withDensity(dpi)
        .jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:2:0' })
        .toBuffer();
    },

    async toWebp(bytes, { quality, zone }) {
      try {
        const image = sharp(bytes, input());
        return await (zone ? image.extract(zone) : image).webp({ quality }).toBuffer();
      } catch (err) {
        throw imageError(err);
      }
    },
  };
}
