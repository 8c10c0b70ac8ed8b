// Bootstrap for the Portal GraphQL explorer. Served as /graphiql/assets/explorer.js
// so the page needs no inline script (CSP: script-src 'self').
// Expects the React, ReactDOM and GraphiQL UMD globals to be loaded first.
(function () {
  'use strict';

  var root = document.getElementById('graphiql');
  var endpoint = root.getAttribute('data-endpoint') || '/graphql';

  var defaultQuery = [
    '# Portal GraphQL explorer',
    '#',
    '# Run: play button or Ctrl-Enter.',
    '# Schema: docs icon, top left.',
    '',
    '{',
    '  news(first: 3, locale: EN) {',
    '    totalCount',
    '    edges {',
    '      node {',
    '        title',
    '        publishedAt',
    '        topics {',
    '          name',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    ''
  ].join('\n');

  var fetcher = GraphiQL.createFetcher({ url: endpoint });

  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: true
    })
  );
})();
