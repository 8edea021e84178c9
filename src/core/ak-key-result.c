/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-result"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-error.h"
#include "ak-key-result.h"

struct _AkKeyResult
{
  GObject         parent_instance;

  /* Owned references */
  AkKey          *key;
  GError         *error;
  /* A create that replaces a key: the old key's name, or its ID. */
  char           *replaces;

  AkKeyOperation  operation;
  AkKeyOutcome    outcome;
  /* The outcome was found out by asking the server after a lost answer. */
  guint           settled : 1;
};

G_DEFINE_ENUM_TYPE (AkKeyOperation, ak_key_operation,
  G_DEFINE_ENUM_VALUE (AK_KEY_OPERATION_DELETE, "delete"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OPERATION_RESTORE, "restore"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OPERATION_CREATE, "create"))

G_DEFINE_ENUM_TYPE (AkKeyOutcome, ak_key_outcome,
  G_DEFINE_ENUM_VALUE (AK_KEY_OUTCOME_DONE, "done"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OUTCOME_ALREADY_GONE, "already-gone"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OUTCOME_NOT_ALLOWED, "not-allowed"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OUTCOME_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OUTCOME_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OUTCOME_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (AK_KEY_OUTCOME_SECRET_LOST, "secret-lost"))

G_DEFINE_FINAL_TYPE (AkKeyResult, ak_key_result, G_TYPE_OBJECT)

static void
ak_key_result_finalize (GObject *object)
{
  AkKeyResult *self = AK_KEY_RESULT (object);

  g_clear_object (&self->key);
  g_clear_error (&self->error);
  g_clear_pointer (&self->replaces, g_free);

  G_OBJECT_CLASS (ak_key_result_parent_class)->finalize (object);
}

static void
ak_key_result_class_init (AkKeyResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ak_key_result_finalize;
}

static void
ak_key_result_init (AkKeyResult *self)
{
}

/**
 * ak_key_result_new:
 * @operation: what was asked
 * @outcome: how it ended
 * @key: the key it was about
 * @error: (nullable): what went wrong, if anything
 *
 * Returns: (transfer full): a new result
 */
AkKeyResult *
ak_key_result_new (AkKeyOperation  operation,
                   AkKeyOutcome    outcome,
                   AkKey          *key,
                   const GError   *error)
{
  AkKeyResult *self;

  g_return_val_if_fail (AK_IS_KEY (key), NULL);

  self = g_object_new (AK_TYPE_KEY_RESULT, NULL);
  self->operation = operation;
  self->outcome = outcome;
  self->key = g_object_ref (key);
  self->error = error != NULL ? g_error_copy (error) : NULL;

  return self;
}

AkKeyOperation
ak_key_result_get_operation (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), AK_KEY_OPERATION_DELETE);

  return self->operation;
}

AkKeyOutcome
ak_key_result_get_outcome (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), AK_KEY_OUTCOME_FAILED);

  return self->outcome;
}

/**
 * ak_key_result_get_key:
 * @self: an #AkKeyResult
 *
 * Returns: (transfer none): the key, as it was when the change was asked
 */
AkKey *
ak_key_result_get_key (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), NULL);

  return self->key;
}

/**
 * ak_key_result_get_error:
 * @self: an #AkKeyResult
 *
 * Returns: (transfer none) (nullable): what went wrong, in the %AK_ERROR
 *   domain
 */
const GError *
ak_key_result_get_error (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), NULL);

  return self->error;
}

gboolean
ak_key_result_get_settled (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), FALSE);

  return self->settled;
}

void
ak_key_result_set_settled (AkKeyResult *self,
                           gboolean     settled)
{
  g_return_if_fail (AK_IS_KEY_RESULT (self));

  self->settled = !!settled;
}

/**
 * ak_key_result_get_replaces:
 * @self: an #AkKeyResult
 *
 * Returns: (nullable): for a create that replaces a key, the old key's name
 *   (or its ID, when it has none)
 */
const char *
ak_key_result_get_replaces (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), NULL);

  return self->replaces;
}

void
ak_key_result_set_replaces (AkKeyResult *self,
                            const char  *replaces)
{
  g_return_if_fail (AK_IS_KEY_RESULT (self));

  g_free (self->replaces);
  self->replaces = g_strdup (replaces);
}

/* Whether nothing more will be said about this change. */
gboolean
ak_key_result_is_final (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), TRUE);

  return self->outcome != AK_KEY_OUTCOME_CHECKING;
}

/* Whether asking again may succeed: the change failed for a reason that
 * may pass, or it is not known whether it happened. */
gboolean
ak_key_result_can_retry (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), FALSE);

  return self->outcome == AK_KEY_OUTCOME_FAILED || self->outcome == AK_KEY_OUTCOME_UNKNOWN;
}

/* Why a delete failed: one whole sentence per kind of key and per cause. */
static char *
not_deleted_message (AkKeyKind     kind,
                     const char   *id,
                     const GError *error)
{
  gboolean app_cred = kind == AK_KEY_KIND_APPLICATION_CREDENTIAL;

  if (g_error_matches (error, AK_ERROR, AK_ERROR_NETWORK) ||
      g_error_matches (error, AK_ERROR, AK_ERROR_TLS))
    {
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s was not deleted: the server could "
                                  "not be reached"), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was not deleted: the server could not be "
                                "reached"), id);
    }

  if (g_error_matches (error, AK_ERROR, AK_ERROR_TIMEOUT))
    {
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s was not deleted: the server did "
                                  "not answer in time"), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was not deleted: the server did not answer "
                                "in time"), id);
    }

  if (g_error_matches (error, AK_ERROR, AK_ERROR_SERVER))
    {
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s was not deleted: the server had a "
                                  "problem"), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was not deleted: the server had a problem"), id);
    }

  if (app_cred)
    /* Translators: %s is an application credential's ID. */
    return g_strdup_printf (_("Application credential %s was not deleted"), id);
  /* Translators: %s is a key ID. */
  return g_strdup_printf (_("Access key %s was not deleted"), id);
}

static char *
delete_message (AkKeyResult *self)
{
  AkKeyKind kind = ak_key_get_kind (self->key);
  const char *id = ak_key_get_id (self->key);
  gboolean app_cred = kind == AK_KEY_KIND_APPLICATION_CREDENTIAL;

  switch (self->outcome)
    {
    case AK_KEY_OUTCOME_DONE:
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s deleted"), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s deleted"), id);

    case AK_KEY_OUTCOME_ALREADY_GONE:
      if (app_cred)
        /* Translators: %s is an application credential's ID. Said when the
         * server no longer had it, so there was nothing left to delete. */
        return g_strdup_printf (_("Application credential %s was already deleted"), id);
      /* Translators: %s is a key ID. Said when the server no longer had the
       * key, so there was nothing left to delete. */
      return g_strdup_printf (_("Access key %s was already deleted"), id);

    case AK_KEY_OUTCOME_CHECKING:
      if (app_cred)
        /* Translators: %s is an application credential's ID. Said when the
         * server's answer to a delete was lost and the app is asking the
         * server whether the credential still exists. */
        return g_strdup_printf (_("Application credential %s may have been deleted — "
                                  "checking…"), id);
      /* Translators: %s is a key ID. Said when the server's answer to a
       * delete was lost and the app is asking the server whether the key
       * still exists. */
      return g_strdup_printf (_("Access key %s may have been deleted — checking…"), id);

    case AK_KEY_OUTCOME_UNKNOWN:
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s may have been deleted: the server "
                                  "did not answer. Refresh the list to see."), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s may have been deleted: the server did not "
                                "answer. Refresh the list to see."), id);

    case AK_KEY_OUTCOME_NOT_ALLOWED:
    case AK_KEY_OUTCOME_FAILED:
    case AK_KEY_OUTCOME_SECRET_LOST:
    default:
      return not_deleted_message (kind, id, self->error);
    }
}

static char *
restore_message (AkKeyResult *self)
{
  const char *id = ak_key_get_id (self->key);

  switch (self->outcome)
    {
    case AK_KEY_OUTCOME_DONE:
      /* Translators: %s is a key ID. Said when a deleted key was made again,
       * with the same ID and secret. */
      return g_strdup_printf (_("Access key %s restored"), id);

    case AK_KEY_OUTCOME_CHECKING:
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s may have been restored — checking…"), id);

    case AK_KEY_OUTCOME_UNKNOWN:
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s may have been restored: the server did not "
                                "answer. Refresh the list to see."), id);

    case AK_KEY_OUTCOME_ALREADY_GONE:
    case AK_KEY_OUTCOME_NOT_ALLOWED:
    case AK_KEY_OUTCOME_FAILED:
    case AK_KEY_OUTCOME_SECRET_LOST:
    default:
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was not restored"), id);
    }
}

static char *
create_message (AkKeyResult *self)
{
  gboolean app_cred = ak_key_get_kind (self->key) == AK_KEY_KIND_APPLICATION_CREDENTIAL;
  const char *id = ak_key_get_id (self->key);

  switch (self->outcome)
    {
    case AK_KEY_OUTCOME_SECRET_LOST:
    case AK_KEY_OUTCOME_DONE:
      if (app_cred)
        /* Translators: %s is an application credential's ID. */
        return g_strdup_printf (_("Application credential %s was created, but the server’s "
                                  "answer was lost, so its secret can no longer be shown. "
                                  "Delete it and create another if you need the secret."), id);
      /* Translators: %s is a key ID. */
      return g_strdup_printf (_("Access key %s was created, but the server’s answer was lost, "
                                "so its secret can no longer be shown. Delete it and create "
                                "another if you need the secret."), id);

    case AK_KEY_OUTCOME_UNKNOWN:
      return g_strdup (_("The server did not answer, so it is not known whether the key was "
                         "created. Refresh the list to see."));

    case AK_KEY_OUTCOME_ALREADY_GONE:
    case AK_KEY_OUTCOME_NOT_ALLOWED:
    case AK_KEY_OUTCOME_FAILED:
    case AK_KEY_OUTCOME_CHECKING:
    default:
      return g_strdup (_("The key was not created."));
    }
}

/**
 * ak_key_result_dup_message:
 * @self: an #AkKeyResult
 *
 * Returns: (transfer full): one translated sentence that says what
 *   happened, in plain words, for a toast or a notification
 */
char *
ak_key_result_dup_message (AkKeyResult *self)
{
  g_return_val_if_fail (AK_IS_KEY_RESULT (self), NULL);

  switch (self->operation)
    {
    case AK_KEY_OPERATION_RESTORE:
      return restore_message (self);
    case AK_KEY_OPERATION_CREATE:
      return create_message (self);
    case AK_KEY_OPERATION_DELETE:
    default:
      return delete_message (self);
    }
}
