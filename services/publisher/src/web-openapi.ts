/** OpenAPI 3.1 description of the read-only endpoints `createWebHandler` serves under `/<prefix>/`. */
export function webOpenApi(prefix: string): Record<string, unknown> {
  const file = {
    200: {
      description: 'The file, with its stored media type, ETag and Cache-Control (gzip or br on request).',
    },
    304: { description: 'Not modified (If-None-Match matched the ETag).' },
    404: { description: 'No such version or file.' },
  };
  const version = {
    name: 'version',
    in: 'path',
    required: true,
    description: 'A version id, `YYYYMMDDTHHMMSSZ-<12 hex of the content hash>`',
    schema: { type: 'string', pattern: '^\\d{8}T\\d{6}Z-[0-9a-f]{12}$' },
  };
  const path = {
    name: 'path',
    in: 'path',
    required: true,
    description:
      'A file of the version as its manifest lists it: partnerships.json, partnerships.csv, partnerships.parquet, local-authorities.geojson, datapackage.json, changes.json, manifest.json, schema/partnership.v1.json, map/index.html, …',
    schema: { type: 'string' },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'abep-register snapshots (read-only)',
      version: '1',
      description:
        'The published register of area-based education partnerships: every version, a stable latest/ path for every file, and a map. Read-only; CORS open to any origin.',
      license: {
        name: 'OGL-UK-3.0',
        url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      },
    },
    paths: {
      [`/${prefix}/latest.json`]: {
        get: {
          summary: 'The latest version pointer: {version, manifestKey, publishedAt}',
          responses: file,
        },
      },
      [`/${prefix}/versions.json`]: {
        get: { summary: 'Every published version, oldest first, with row counts', responses: file },
      },
      [`/${prefix}/feed.json`]: {
        get: {
          summary: 'The versions as a JSON Feed 1.1, newest first, with counts and changes',
          responses: file,
        },
      },
      [`/${prefix}/feed.atom`]: { get: { summary: 'The same as an Atom feed', responses: file } },
      [`/${prefix}/latest/{path}`]: {
        get: {
          summary: 'A file of the latest version (stable link; Cache-Control max-age=60)',
          description:
            'Resolved through latest.json on each request; `Content-Location` names the versioned file. `latest/map/` is the map.',
          parameters: [path],
          responses: file,
        },
      },
      [`/${prefix}/versions/{version}/{path}`]: {
        get: {
          summary: 'A file of one version (immutable)',
          parameters: [version, path],
          responses: file,
        },
      },
      '/openapi.json': {
        get: { summary: 'This description', responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
    },
  };
}
