-- Recordings are rendered in the background after a call ends; until then the call's row says
-- 'rendering'. The worker's recovery sweep looks for rendering rows left by a node that stopped,
-- across workspaces, so it gets a small index of its own (empty whenever every render finished).
CREATE INDEX voice_recordings_rendering ON voice_recordings (created_at) WHERE status = 'rendering';
