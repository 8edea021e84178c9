/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include "ak-error.h"
#include "ak-keystone-provider-private.h"

/* One request to Keystone. _ak_keystone_call_async() refuses an unencrypted
 * address before anything is sent, adds the token (signing in first when
 * there is no fresh one), reads the answer in chunks up to max-body-size,
 * signs in again once on a 401 and repeats the request, and may send a
 * DELETE once more after a failure in transit. It hands back the status and
 * the body; what a status means is decided by the operation that asked. */

#define READ_CHUNK_SIZE ((gsize) 64 * 1024)

/* Whether a transport failure may have come after the server received the
 * request, so that sending an idempotent one again is worth a try. */
static gboolean
error_is_in_transit (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING);
}

/* Turns what GIO or libsoup said into an AK_ERROR for a person, keeping the
 * original text as the detail. Cancellation stays G_IO_ERROR_CANCELLED. */
static GError *
error_from_transport (GError *error)
{
  AkErrorCode code;
  GError *ret;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == AK_ERROR)
    return error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = AK_ERROR_TIMEOUT;
  else if (error->domain == G_TLS_ERROR)
    code = AK_ERROR_TLS;
  else if (error->domain == SOUP_SESSION_ERROR &&
           error->code != SOUP_SESSION_ERROR_MESSAGE_ALREADY_IN_QUEUE)
    code = AK_ERROR_PROTOCOL;
  else
    code = AK_ERROR_NETWORK;

  ret = ak_error_new (code, 0, error->message);
  g_error_free (error);

  return ret;
}

/* The error for an answer that is not a success, in words for a person. */
GError *
_ak_keystone_response_error (AkKeystoneResponse *response)
{
  /* A redirect is never followed: it could carry the token elsewhere. */
  if (response->status >= 300 && response->status < 400)
    return ak_error_new (AK_ERROR_PROTOCOL, response->status,
                         "The server answered with a redirect, which is not followed.");

  return ak_keystone_json_parse_error (response->status, response->body);
}


void
_ak_keystone_response_free (AkKeystoneResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->subject_token, ak_secret_unref);
  g_free (response);
}

typedef struct
{
  char                *method;
  char                *path;
  GBytes              *body;
  AkKeystoneCallFlags  flags;

  /* The attempt under way. */
  AkSecret            *token;
  SoupMessage         *message;
  GInputStream        *stream;
  GByteArray          *buffer;
  gsize                read_start;
  goffset              expected_length;

  guint                sends;
  gboolean             reauthenticated;
  gboolean             resent;
} Call;

static void
call_clear_attempt (Call *call)
{
  /* Closing before the end drops the connection instead of reading the rest. */
  if (call->stream != NULL && !g_input_stream_is_closed (call->stream))
    g_input_stream_close_async (call->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  g_clear_object (&call->stream);
  g_clear_object (&call->message);
  g_clear_pointer (&call->buffer, g_byte_array_unref);
  g_clear_pointer (&call->token, ak_secret_unref);
}

static void
call_free (Call *call)
{
  call_clear_attempt (call);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->path, g_free);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call);
}

static void call_send (GTask *task);

static char *
base_url (AkKeystoneProvider *self)
{
  const char *auth_url = ak_account_get_auth_url (self->account);
  g_autofree char *url = g_strdup (auth_url != NULL ? auth_url : "");
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  /* People often give the service's root; the API lives under /v3. */
  if (!g_str_has_suffix (url, "/v3"))
    return g_strconcat (url, "/v3", NULL);

  return g_steal_pointer (&url);
}

static void
call_return_error (GTask  *task,
                   GError *error)
{
  Call *call = g_task_get_task_data (task);

  call_clear_attempt (call);
  g_task_return_error (task, error_from_transport (error));
}

static void
call_failed (GTask  *task,
             GError *error)
{
  Call *call = g_task_get_task_data (task);

  if ((call->flags & AK_KEYSTONE_CALL_RESEND_IN_TRANSIT) != 0 &&
      call->sends == 1 &&
      error_is_in_transit (error) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_debug ("%s %s failed in transit (%s), sending it once more",
               call->method, call->path, error->message);
      g_error_free (error);
      call->resent = TRUE;
      call_clear_attempt (call);
      call_send (task);
      return;
    }

  call_return_error (task, error);
}

static void
call_finish_body (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = g_new0 (AkKeystoneResponse, 1);
  const char *subject_token;

  response->status = soup_message_get_status (call->message);
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&call->buffer));
  response->resent = call->resent;

  g_debug ("%s %s: %u, %" G_GSIZE_FORMAT " bytes",
           call->method, call->path, response->status, g_bytes_get_size (response->body));

  /* The token may have expired or been revoked: sign in again, once, and
   * repeat the request. */
  if (response->status == SOUP_STATUS_UNAUTHORIZED &&
      (call->flags & AK_KEYSTONE_CALL_AUTHENTICATED) != 0 &&
      !call->reauthenticated)
    {
      _ak_keystone_forget_token (self, call->token);
      call->reauthenticated = TRUE;
      call_clear_attempt (call);
      call_send (task);
      return;
    }

  subject_token = soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                                "X-Subject-Token");
  if (subject_token != NULL && *subject_token != '\0')
    response->subject_token = ak_secret_new (subject_token);

  call_clear_attempt (call);
  g_task_return_pointer (task, g_steal_pointer (&response),
                         (GDestroyNotify) _ak_keystone_response_free);
}

static void call_read (GTask *task);

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n_read < 0)
    {
      call_failed (task, error);
      return;
    }

  g_byte_array_set_size (call->buffer, call->read_start + n_read);

  if (n_read == 0)
    {
      call_finish_body (task);
      return;
    }

  if (call->buffer->len > self->max_body_size)
    {
      g_autofree char *detail =
        g_strdup_printf ("The answer was larger than %" G_GUINT64_FORMAT " bytes and was refused.",
                         self->max_body_size);

      call_return_error (task, ak_error_new (AK_ERROR_PROTOCOL,
                                             soup_message_get_status (call->message),
                                             detail));
      return;
    }

  call_read (task);
}

static void
call_read (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  gsize have = call->buffer->len;
  gsize want = READ_CHUNK_SIZE;

  if (call->expected_length > 0 && (guint64) call->expected_length > have)
    want = MAX (want, (gsize) call->expected_length - have);

  /* One byte past the limit is enough to know the body is too large. */
  want = MIN ((guint64) want, self->max_body_size + 1 - have);

  call->read_start = have;
  g_byte_array_set_size (call->buffer, have + want);
  g_input_stream_read_async (call->stream,
                             call->buffer->data + have,
                             want,
                             G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task),
                             call_read_cb,
                             g_object_ref (task));
}

static void
call_send_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  gsize reserve = READ_CHUNK_SIZE;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (call->stream == NULL)
    {
      call_failed (task, error);
      return;
    }

  headers = soup_message_get_response_headers (call->message);
  call->expected_length = -1;

  /* Refuse a body announced too large before reading any of it. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      call->expected_length = soup_message_headers_get_content_length (headers);

      if ((guint64) call->expected_length > self->max_body_size)
        {
          g_autofree char *detail =
            g_strdup_printf ("The answer announced %" G_GOFFSET_FORMAT " bytes, more than the "
                             "%" G_GUINT64_FORMAT " accepted.",
                             call->expected_length, self->max_body_size);

          call_return_error (task, ak_error_new (AK_ERROR_PROTOCOL,
                                                 soup_message_get_status (call->message),
                                                 detail));
          return;
        }

      reserve = call->expected_length + 1;
    }

  call->buffer = g_byte_array_sized_new (reserve);
  call_read (task);
}

static void
call_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;

  call->token = _ak_keystone_ensure_token_finish (AK_KEYSTONE_PROVIDER (object), result, &error);

  if (call->token == NULL)
    {
      call_return_error (task, error);
      return;
    }

  call_send (task);
}

static void
call_send (GTask *task)
{
  AkKeystoneProvider *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;

  if ((call->flags & AK_KEYSTONE_CALL_AUTHENTICATED) != 0 && call->token == NULL)
    {
      _ak_keystone_ensure_token_async (self, g_task_get_cancellable (task), call_token_cb,
                                       g_object_ref (task));
      return;
    }

  base = base_url (self);
  url = g_strconcat (base, call->path, NULL);
  call->message = soup_message_new (call->method, url);

  if (call->message == NULL)
    {
      call_return_error (task, ak_error_new (AK_ERROR_INVALID, 0, "The address is not valid."));
      return;
    }

  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);

  /* libsoup silently sends an idempotent request again when a kept-alive
   * connection turns out closed, which some servers (uwsgi) do after every
   * answer. A DELETE gets a connection of its own instead, as a POST always
   * does: then a failure means the server may have received it, and only
   * call_failed() sends it again, knowing that it did. */
  if ((call->flags & AK_KEYSTONE_CALL_RESEND_IN_TRANSIT) != 0)
    soup_message_add_flags (call->message, SOUP_MESSAGE_NEW_CONNECTION);

  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->token != NULL)
    soup_message_headers_replace (headers, "X-Auth-Token", ak_secret_get (call->token));

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, "application/json", call->body);

  call->sends++;
  soup_session_send_async (self->session,
                           call->message,
                           G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task),
                           call_send_cb,
                           g_object_ref (task));
}

/* Sends @method to @path (below the /v3 URL, already escaped) and hands back
 * an AkKeystoneResponse for any HTTP status; fails only when no answer
 * arrived, when the answer was too large, or when the address may not be
 * used. */
void
_ak_keystone_call_async (AkKeystoneProvider  *self,
                         const char          *method,
                         const char          *path,
                         GBytes              *body,
                         AkKeystoneCallFlags  flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Call *call;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _ak_keystone_call_async);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->flags = flags;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  /* An unencrypted address to another computer is refused before anything,
   * the password included, is sent. */
  if (!ak_account_validate (self->account, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  call_send (task);
}

AkKeystoneResponse *
_ak_keystone_call_finish (AkKeystoneProvider  *self,
                          GAsyncResult        *result,
                          GError             **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _ak_keystone_call_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The path of @user_id's @collection (AK_KEYSTONE_EC2_COLLECTION or
 * AK_KEYSTONE_APP_CRED_COLLECTION), or of the key @key_id in it, escaped. */
char *
_ak_keystone_user_path (const char *user_id,
                        const char *collection,
                        const char *key_id)
{
  g_autofree char *escaped_user = g_uri_escape_string (user_id, NULL, FALSE);
  g_autofree char *escaped_key = NULL;

  if (key_id == NULL)
    return g_strconcat ("/users/", escaped_user, collection, NULL);

  escaped_key = g_uri_escape_string (key_id, NULL, FALSE);

  return g_strconcat ("/users/", escaped_user, collection, "/", escaped_key, NULL);
}
