/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-keystone-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-error.h"
#include "ak-keystone-provider-private.h"
#include "ak-util-private.h"

/* A way back after a delete: one key as the server has it now, an EC2 key's
 * secret read before the delete, and the key made again from it.
 *
 * Keystone keeps an EC2 key as a credential whose ID is sha256(access) and
 * whose blob holds the access key and the secret. POST /v3/credentials with
 * the same blob, owner and project makes the same key again: OS-EC2 lists it
 * under the same access key, and requests signed with the secret are
 * accepted again (tests/keystone). Sending it twice cannot make two keys:
 * the second gets 409, so the POST is sent once more after a failure in
 * transit, and a 409 then is checked against the server before it counts as
 * the success it usually is. An application credential cannot come back:
 * Keystone keeps only a hash of its secret.
 *
 * Every key is read through OS-EC2 or the user's application credentials,
 * never /v3/credentials/{id}, which answers 403 rather than 404 to a member
 * for a key that is gone. */

static GError *
not_restorable_error (void)
{
  return ak_error_new_literal (AK_ERROR_FAILED,
                               _("Application credentials cannot be restored after they are "
                                 "deleted, because the server does not keep their secret."),
                               0, NULL);
}

/* Copies the names of @from's owner and project to @to, the same key as the
 * server has it, whose answer carries only IDs. */
static void
copy_names (AkKeystoneProvider *self,
            AkKey              *from,
            AkKey              *to)
{
  if (g_strcmp0 (ak_key_get_user_id (from), ak_key_get_user_id (to)) == 0)
    ak_key_set_user_name (to, ak_key_get_user_name (from));
  if (g_strcmp0 (ak_key_get_project_id (from), ak_key_get_project_id (to)) == 0)
    ak_key_set_project_name (to, ak_key_get_project_name (from));

  _ak_keystone_fill_own_names (self, to);
}

/* The path of @key in its owner's collection. */
static char *
key_path (AkKeystoneProvider *self,
          AkKey              *key)
{
  const char *user_id = ak_key_get_user_id (key);

  if (user_id == NULL)
    user_id = self->token_info->user_id;

  return _ak_keystone_user_path (user_id, _ak_keystone_key_collection (ak_key_get_kind (key)),
                                 ak_key_get_id (key));
}

/* Reads a 2xx answer to a GET of @key; @secret (optional) gets an EC2
 * key's secret. A server that answers with another key is not understood. */
static AkKey *
parse_key (AkKeystoneProvider  *self,
           AkKey               *key,
           GBytes              *body,
           AkSecret           **secret,
           GError             **error)
{
  g_autoptr(AkKey) found = NULL;

  if (ak_key_get_kind (key) == AK_KEY_KIND_EC2)
    found = ak_keystone_json_parse_ec2 (body, secret, error);
  else
    found = ak_keystone_json_parse_application_credential (body, error);

  if (found == NULL)
    return NULL;

  if (g_strcmp0 (ak_key_get_id (found), ak_key_get_id (key)) != 0)
    {
      if (secret != NULL)
        g_clear_pointer (secret, ak_secret_unref);

      ak_set_error (error, AK_ERROR_PROTOCOL, 0, "The server answered with another key.");
      return NULL;
    }

  copy_names (self, key, found);

  return g_steal_pointer (&found);
}

/* Whether two secrets are the same, looking at every byte of both. */
static gboolean
secrets_equal (AkSecret *a,
               AkSecret *b)
{
  const char *x = ak_secret_get (a);
  const char *y = ak_secret_get (b);
  gsize len = ak_secret_get_len (a);
  guchar diff = 0;

  if (len != ak_secret_get_len (b))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    diff |= (guchar) (x[i] ^ y[i]);

  return diff == 0;
}

/* ------------------------------------------------------------------------ */
/* One key, or its secret */

typedef struct
{
  AkKey     *key;
  gboolean   want_secret;
} GetData;

static void
get_data_free (GetData *data)
{
  g_clear_object (&data->key);
  g_free (data);
}

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  GetData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) found = NULL;
  GError *error = NULL;

  response = _ak_keystone_response_for_task (self, result, task);
  if (response == NULL)
    return;

  /* A key that is gone is AK_ERROR_NOT_FOUND, from the 404. */
  if (!_ak_keystone_status_is_success (response->status))
    {
      g_task_return_error (task, _ak_keystone_response_error (response));
      return;
    }

  found = parse_key (self, data->key, response->body, data->want_secret ? &secret : NULL,
                     &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->want_secret)
    g_task_return_pointer (task, g_steal_pointer (&secret), (GDestroyNotify) ak_secret_unref);
  else
    g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
}

static void
get_token_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  GetData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  GCancellable *cancellable;

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  path = key_path (self, data->key);
  cancellable = g_task_get_cancellable (task);
  _ak_keystone_call_async (self, "GET", path, NULL, AK_KEYSTONE_CALL_AUTHENTICATED,
                           cancellable, get_cb, g_steal_pointer (&task));
}

static void
get_start (AkKeystoneProvider  *self,
           AkKey               *key,
           gboolean             want_secret,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GetData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (GetData, 1);
  data->key = g_object_ref (key);
  data->want_secret = want_secret;
  g_task_set_task_data (task, data, (GDestroyNotify) get_data_free);

  if (want_secret && ak_key_get_kind (key) != AK_KEY_KIND_EC2)
    {
      g_task_return_error (task, not_restorable_error ());
      return;
    }

  _ak_keystone_ensure_token_async (self, cancellable, get_token_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_get_key_async (AkProvider          *provider,
                                    AkKey               *key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  get_start (AK_KEYSTONE_PROVIDER (provider), key, FALSE, ak_keystone_provider_get_key_async,
             cancellable, callback, user_data);
}

static AkKey *
ak_keystone_provider_get_key_finish (AkProvider    *provider,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ak_keystone_provider_fetch_secret_async (AkProvider          *provider,
                                         AkKey               *key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  get_start (AK_KEYSTONE_PROVIDER (provider), key, TRUE,
             ak_keystone_provider_fetch_secret_async, cancellable, callback, user_data);
}

static AkSecret *
ak_keystone_provider_fetch_secret_finish (AkProvider    *provider,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Restore */

typedef struct
{
  AkKey     *key;
  AkSecret  *secret;
  /* Why the POST failed, while the server is asked whether it worked. */
  GError    *failed;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_clear_object (&data->key);
  g_clear_pointer (&data->secret, ak_secret_unref);
  g_clear_error (&data->failed);
  g_free (data);
}

static GError *
restore_refused_error (AkKeystoneResponse *response)
{
  g_autoptr(GError) mapped = _ak_keystone_response_error (response);

  return ak_error_new_literal (AK_ERROR_PERMISSION,
                               _("Your account is not allowed to restore this key. Sign in "
                                 "with the account that owns it, or ask the owner of the cloud "
                                 "account for permission to manage access keys."),
                               response->status, ak_error_get_detail (mapped));
}

static GError *
restore_conflict_error (AkKeystoneResponse *response)
{
  g_autoptr(GError) mapped = _ak_keystone_response_error (response);

  return ak_error_new_literal (AK_ERROR_CONFLICT,
                               _("The key could not be restored, because a key with the same "
                                 "ID exists already. It may have been restored before."),
                               response->status, ak_error_get_detail (mapped));
}

/* After an answer that leaves the outcome open: the server has the key with
 * this very secret, or the POST did not make it. */
static void
restore_settle_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  g_autoptr(AkSecret) secret = NULL;
  g_autoptr(AkKey) found = NULL;
  g_autoptr(GError) error = NULL;

  response = _ak_keystone_call_finish (self, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (response != NULL && _ak_keystone_status_is_success (response->status))
    found = parse_key (self, data->key, response->body, &secret, NULL);

  if (found != NULL && secrets_equal (secret, data->secret))
    {
      g_debug ("POST /credentials: the key is on the server with its secret; restored");
      g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&data->failed));
}

static void
restore_settle (AkKeystoneProvider *self,
                GTask              *task,
                GError             *failed)
{
  RestoreData *data = g_task_get_task_data (task);
  g_autofree char *path = key_path (self, data->key);

  data->failed = failed;
  _ak_keystone_call_async (self, "GET", path, NULL, AK_KEYSTONE_CALL_AUTHENTICATED,
                           g_task_get_cancellable (task), restore_settle_cb,
                           g_object_ref (task));
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(AkKeystoneResponse) response = NULL;
  g_autoptr(AkKey) restored = NULL;
  GError *error = NULL;

  response = _ak_keystone_call_finish (self, result, &error);

  /* No answer, even to the second send: the server may have made the key
   * all the same. Asking settles it. */
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, error);
      else
        restore_settle (self, task, error);
      return;
    }

  if (_ak_keystone_status_is_success (response->status))
    {
      restored = ak_keystone_json_parse_credential_created (response->body, &error);

      if (restored != NULL && g_strcmp0 (ak_key_get_id (restored), ak_key_get_id (data->key)) != 0)
        {
          g_clear_object (&restored);
          ak_set_error (&error, AK_ERROR_PROTOCOL, response->status,
                        "The server restored the key under another ID.");
        }

      if (restored == NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      copy_names (self, data->key, restored);
      g_task_return_pointer (task, g_steal_pointer (&restored), g_object_unref);
      return;
    }

  if (response->status == SOUP_STATUS_CONFLICT)
    {
      /* The first send may have made the key before its answer was lost. */
      if (response->resent)
        restore_settle (self, task, restore_conflict_error (response));
      else
        g_task_return_error (task, restore_conflict_error (response));
      return;
    }

  if (response->status == SOUP_STATUS_FORBIDDEN)
    {
      g_task_return_error (task, restore_refused_error (response));
      return;
    }

  g_task_return_error (task, _ak_keystone_response_error (response));
}

static void
restore_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (object);
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(AkSecret) json = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *user_id;
  GCancellable *cancellable;

  if (!_ak_keystone_token_ready (self, result, task))
    return;

  user_id = ak_key_get_user_id (data->key);
  if (user_id == NULL)
    user_id = self->token_info->user_id;

  json = ak_keystone_json_build_ec2_restore (user_id, ak_key_get_project_id (data->key),
                                             ak_key_get_id (data->key), data->secret);
  if (json == NULL)
    {
      g_task_return_error (task, ak_error_new (AK_ERROR_INVALID, 0,
                                               "The key's ID, owner or secret is not valid "
                                               "text."));
      return;
    }

  body = _ak_keystone_bytes_from_secret (g_steal_pointer (&json));

  /* Sent once more after a failure in transit: a second key cannot come of
   * it, only a 409 that restore_cb() checks. */
  cancellable = g_task_get_cancellable (task);
  _ak_keystone_call_async (self, "POST", "/credentials", body,
                           AK_KEYSTONE_CALL_AUTHENTICATED | AK_KEYSTONE_CALL_RESEND_IN_TRANSIT,
                           cancellable, restore_cb, g_steal_pointer (&task));
}

static void
ak_keystone_provider_restore_key_async (AkProvider          *provider,
                                        AkKey               *key,
                                        AkSecret            *secret,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  AkKeystoneProvider *self = AK_KEYSTONE_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  RestoreData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ak_keystone_provider_restore_key_async);

  data = g_new0 (RestoreData, 1);
  data->key = g_object_ref (key);
  data->secret = ak_secret_ref (secret);
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);

  if (ak_key_get_kind (key) != AK_KEY_KIND_EC2)
    {
      g_task_return_error (task, not_restorable_error ());
      return;
    }

  /* Keystone wants the project of an EC2 key; OS-EC2 may list one without. */
  if (_ak_str_is_blank (ak_key_get_project_id (key)))
    {
      g_task_return_error (task,
                           ak_error_new_literal (AK_ERROR_INVALID,
                                                 _("This key cannot be restored, because the "
                                                   "server did not say which project it was "
                                                   "for."),
                                                 0, NULL));
      return;
    }

  _ak_keystone_ensure_token_async (self, cancellable, restore_token_cb, g_steal_pointer (&task));
}

static AkKey *
ak_keystone_provider_restore_key_finish (AkProvider    *provider,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_ak_keystone_provider_restore_iface_init (AkProviderInterface *iface)
{
  iface->get_key_async = ak_keystone_provider_get_key_async;
  iface->get_key_finish = ak_keystone_provider_get_key_finish;
  iface->fetch_secret_async = ak_keystone_provider_fetch_secret_async;
  iface->fetch_secret_finish = ak_keystone_provider_fetch_secret_finish;
  iface->restore_key_async = ak_keystone_provider_restore_key_async;
  iface->restore_key_finish = ak_keystone_provider_restore_key_finish;
}
