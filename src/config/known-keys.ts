import { nearest } from './aws-limits';
import { Fail } from './layers/fail';

type Primitive = string | number | boolean | bigint | symbol | null | undefined;
type AllKeys<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * The known keys of a configuration type, one entry per field (a union contributes the keys of
 * every member). The compiler checks a shape against its type both ways: a field missing from the
 * shape, or a key the type does not have, is a type error, so the runtime check below cannot drift
 * from the interfaces it guards.
 */
export type KeyShape<T> = { readonly [K in AllKeys<T> & string]-?: FieldShape<ValueAt<T, K>> };

/**
 * What is known below one field: nothing (`true`: a primitive), each item of a list (`$items`),
 * each value of a map keyed by name (`$entries`), or the keys of a nested object.
 */
export type FieldShape<V> = [Exclude<V, Primitive>] extends [never]
  ? true
  : Exclude<V, Primitive> extends readonly (infer E)[]
    ? [Exclude<E, Primitive>] extends [never]
      ? true
      : { readonly $items: KeyShape<Exclude<E, Primitive>> }
    : string extends keyof Exclude<V, Primitive>
      ? { readonly $entries: FieldShape<Exclude<V, Primitive>[string & keyof Exclude<V, Primitive>]> }
      : KeyShape<Exclude<V, Primitive>>;

type AnyShape = true | { readonly $items: AnyShape } | { readonly $entries: AnyShape } | { readonly [key: string]: AnyShape };

/**
 * Fails on the first key of `value` its shape does not know, naming the field path and the nearest
 * known key. TypeScript already refuses unknown keys in object literals, but not in JavaScript
 * callers, `as` casts, JSON-loaded values or spreads of wider objects; this catches those.
 */
export function checkKnownKeys<T>(value: T, shape: KeyShape<T>, fail: Fail, at = ''): void {
  walk(value, shape as AnyShape, at, fail);
}

function walk(value: unknown, shape: AnyShape, at: string, fail: Fail): void {
  if (shape === true || value === null || typeof value !== 'object') return;
  if ('$items' in shape && Object.keys(shape).length === 1) {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, shape.$items as AnyShape, `${at}[${i}]`, fail));
    return;
  }
  if ('$entries' in shape && Object.keys(shape).length === 1) {
    for (const [name, entry] of Object.entries(value)) walk(entry, shape.$entries as AnyShape, join(at, name), fail);
    return;
  }
  const known = shape as { readonly [key: string]: AnyShape };
  for (const [key, field] of Object.entries(value)) {
    if (!Object.prototype.hasOwnProperty.call(known, key)) {
      const where = at ? `a field of ${at}` : 'a field of the environment config';
      fail(join(at, key), field, `is not ${where}`, `rename it to ${nearest(key, Object.keys(known))} (the nearest known field), or remove it`);
    }
    walk(field, known[key], join(at, key), fail);
  }
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}
