export { Rng, mix32, hashString } from './rng';
