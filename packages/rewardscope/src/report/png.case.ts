import { inflateSync } from "node:zlib";

/** A decoded PNG: its size and RGBA pixels (8-bit RGB or RGBA files, as resvg writes them). */
export interface DecodedPng {
  width: number;
  height: number;
  /** Bytes per pixel in `pixels`: 3 (RGB) or 4 (RGBA). */
  channels: number;
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG file independently of the renderer that wrote it: checks the signature, reads IHDR, inflates the
 * IDAT chunks with node:zlib and undoes the scanline filters. Throws on anything it cannot decode.
 */
export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG: bad signature");
  let offset = 8;
  let header: { width: number; height: number; depth: number; color: number; interlace: number } | null =
    null;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString("latin1", offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR")
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] as number,
        color: body[9] as number,
        interlace: body[12] as number,
      };
    else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (!header) throw new Error("no IHDR chunk");
  if (header.depth !== 8 || (header.color !== 2 && header.color !== 6) || header.interlace !== 0)
    throw new Error(`unsupported PNG: depth ${header.depth}, colour type ${header.color}`);
  const channels = header.color === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(data));
  const stride = header.width * channels;
  const pixels = new Uint8Array(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const upLeft = y > 0 && x >= channels ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      const value = line[x] as number;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predicted === undefined) throw new Error(`bad filter ${filter} on line ${y}`);
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width: header.width, height: header.height, channels, pixels };
}

/** The variance of the pixels' brightness: 0 for a blank image. */
export function brightnessVariance({ pixels, channels }: DecodedPng): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const v = ((pixels[i] as number) + (pixels[i + 1] as number) + (pixels[i + 2] as number)) / 3;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  return n > 1 ? m2 / (n - 1) : 0;
}

/** The fraction of pixels that are not (near) white: how much of the image is drawn. */
export function inkFraction({ pixels, channels }: DecodedPng): number {
  let ink = 0;
  for (let i = 0; i < pixels.length; i += channels)
    if ((pixels[i] as number) + (pixels[i + 1] as number) + (pixels[i + 2] as number) < 720) ink++;
  return ink / (pixels.length / channels);
}
