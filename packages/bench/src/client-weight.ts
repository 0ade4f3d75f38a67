// Measured by the e2e package too (its facts reporter), so the module lives there.
export { firstLoadJs, gzipSize, type PageWeight } from "@idp-gallery/e2e";
