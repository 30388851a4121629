/**
 * `GET /recent?limit=n`: the caller's recently viewed and referenced records ("Recently Viewed Items", REST API
 * Developer Guide): "If this parameter is not specified, the default maximum number of records returned is the
 * maximum number of entries in RecentlyViewed, which is 200 records in total".
 */
import { ApiError } from '../errors.ts';
import { recentItems } from '../recentItems.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

const DEFAULT_LIMIT = 200;

function recent(request: RestRequest): RestResponse {
    const raw = request.query.get('limit');
    const limit = raw === null ? DEFAULT_LIMIT : Number(raw);
    if (!Number.isInteger(limit) || limit < 1) {
        // The guide documents no error for a bad limit; this one is local-org's own.
        throw new ApiError(400, 'MALFORMED_QUERY', `limit must be a positive integer: ${raw}`);
    }
    return json(200, recentItems(request.ctx, Math.min(limit, DEFAULT_LIMIT)));
}

export const recentRoutes: Route[] = [{ method: 'GET', pattern: /^\/recent\/?$/, handler: recent }];
