-- Fragments written before the graph tables existed have never been materialised: mark their keys dirty once.
INSERT INTO graph_dirty (workspace, kind, key)
SELECT DISTINCT workspace, kind, key FROM fragments
ON CONFLICT DO NOTHING;
