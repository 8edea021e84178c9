/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-secret"

#include "config.h"

#include <string.h>

#include "ak-secret-private.h"
#include "ak-util-private.h"

struct _AkSecret
{
  gatomicrefcount  ref_count;
  gsize            len;
  char            *value;
};

G_DEFINE_BOXED_TYPE (AkSecret, ak_secret, ak_secret_ref, ak_secret_unref)

static AkSecretWipeHook wipe_hook;
static gpointer wipe_hook_data;

/**
 * _ak_secret_set_wipe_hook:
 * @hook: (nullable): called after each secret is wiped, or %NULL
 * @user_data: closure data for @hook
 *
 * For tests only; not thread-safe.
 */
void
_ak_secret_set_wipe_hook (AkSecretWipeHook hook,
                          gpointer         user_data)
{
  wipe_hook = hook;
  wipe_hook_data = user_data;
}

/**
 * ak_secret_wipe:
 * @value: (nullable): a NUL-terminated string to overwrite and free
 *
 * Overwrites @value with zeros, then frees it. For strings that held a secret
 * outside an #AkSecret, such as a JSON body being built.
 */
void
ak_secret_wipe (char *value)
{
  if (value == NULL)
    return;

  _ak_wipe_bytes (value, strlen (value));
  g_free (value);
}

AkSecret *
ak_secret_new_len (const char *value,
                   gsize       len)
{
  AkSecret *self;

  g_return_val_if_fail (value != NULL || len == 0, NULL);

  self = g_new0 (AkSecret, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->len = len;
  self->value = g_malloc (len + 1);
  if (len > 0)
    memcpy (self->value, value, len);
  self->value[len] = '\0';

  return self;
}

AkSecret *
ak_secret_new (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return ak_secret_new_len (value, strlen (value));
}

AkSecret *
ak_secret_ref (AkSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ak_secret_unref (AkSecret *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  _ak_wipe_bytes (self->value, self->len);
  if (wipe_hook != NULL)
    wipe_hook (self->value, self->len, wipe_hook_data);
  g_free (self->value);
  g_free (self);
}

/**
 * ak_secret_get:
 * @self: an #AkSecret
 *
 * Returns: (transfer none): the secret; copy it nowhere that outlives @self
 */
const char *
ak_secret_get (AkSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->value;
}

gsize
ak_secret_get_len (AkSecret *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->len;
}
