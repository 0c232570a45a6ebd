-- Webhooks in order per record (issue 22): a message waits while an
-- earlier message about the same record to the same endpoint is still
-- pending (store.DueWebhookMessages asks that for every due message).
-- This index answers it from the pending messages of that endpoint and
-- record alone, however long the endpoint's history of delivered ones.
CREATE INDEX webhook_messages_pending_record ON webhook_messages (
    webhook_id, json_extract(payload, '$.data.entity'), json_extract(payload, '$.data.entity_id'))
    WHERE status = 'pending';
