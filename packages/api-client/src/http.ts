// The `./http` entry: what every client is built from, free of vendor code and of Node-only imports.
export { bearerAuthorization } from "./bearer.ts";
export { describeUrl } from "./describe-url.ts";
export {
  AbortedError,
  type AnyApiClientError,
  ApiClientError,
  type ApiClientErrorKind,
  HttpStatusError,
  type HttpStatusErrorInit,
  InvalidBodyError,
  type InvalidBodyErrorInit,
  isApiClientError,
  MAX_BODY_TEXT_LENGTH,
  NetworkError,
  RefusedError,
  type RefusedErrorInit,
  TimeoutError,
} from "./errors.ts";
export { isJsonMediaType } from "./parse-json-body.ts";
export {
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  type JsonBody,
  type RequestJsonOptions,
  requestJson,
} from "./request-json.ts";
export { type AuthChallenge, parseWwwAuthenticate } from "./www-authenticate.ts";
