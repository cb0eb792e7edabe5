import { SubscriptionApiConfig } from '../subscription-api.config';
import { BodyLimits } from './body-validator';

/** The body limits a configuration sets. */
export function bodyLimitsOf(config: SubscriptionApiConfig): BodyLimits {
  return {
    maxCustomHeaders: config.HERALD_API_MAX_CUSTOM_HEADERS,
    maxHeaderValueLength: config.HERALD_API_MAX_HEADER_VALUE_LENGTH,
    maxMetadataBytes: config.HERALD_API_MAX_METADATA_BYTES,
  };
}
