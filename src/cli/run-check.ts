import { answer } from '../core/answer/answer.ts';
import { emptyQuery } from '../core/query/empty-query.ts';
import { claimsBareVersion, parseProductVersion } from '../core/versions/product-version.ts';
import { parseVersion } from '../core/versions/parse-version.ts';
import { renderText } from '../render/render-text.ts';
import { renderJson } from '../render/render-json.ts';
import { usage } from './main.ts';
import { EXIT, type CliIo } from './io.ts';
import type { Prepared } from '../core/answer/prepare.ts';

/** `kb-bot check <product> <version>`: the verdict of every article for one version, asked as a typed query. */
export function runCheck(kb: Prepared, args: string[], json: boolean, io: CliIo): number {
  if (args.length < 2) return usage(io, 'check needs a product and a version, e.g. "kb-bot check tas 2.13.20"');
  const version = args[args.length - 1] as string;
  const productText = args.slice(0, -1).join(' ');
  let product = kb.products.get(productText.toLowerCase()) ?? kb.matchProducts(productText)[0]?.product;
  if (!product) {
    // "gorouter 0.280.0": not a product, but a full version only one product can have is that product's.
    const bare = parseVersion(version);
    const claiming = bare?.kind === 'full' ? kb.knowledge.products.filter((p) => claimsBareVersion(p, bare)) : [];
    if (claiming.length === 1) {
      product = claiming[0];
      io.err(`"${productText}" is not a product kb-bot knows; ${version} read as ${product?.short} ${version}\n`);
    }
  }
  if (!product) {
    io.err(`unknown product "${productText}"; known: ${kb.knowledge.products.map((p) => `${p.id} (${p.short})`).join(', ')}\n`);
    return EXIT.usage;
  }
  // The forms the product's people write ("nats 38", "routing 0.287"), read once here.
  const parsed = parseProductVersion(product, version);
  if (!parsed) {
    io.err(`"${version}" is not a version of ${product.short}; write it like ${product.scheme === 'minor' ? '2.13.20 or 2.13' : '0.288.0'}\n`);
    return EXIT.usage;
  }
  const query = { ...emptyQuery(`${product.short} ${parsed.text}`), versions: [{ product: product.id, spec: parsed }] };
  const result = answer(kb, query);
  io.out(json ? renderJson(result) : renderText(result));
  return EXIT.ok;
}
