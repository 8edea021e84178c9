/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-deleted-key"

#include "config.h"

#include "ak-deleted-key-private.h"

struct _AkDeletedKey
{
  GObject    parent_instance;

  /* Owned references */
  AkKey     *key;
  AkSecret  *secret;
  GDateTime *deleted_at;

  guint      restoring : 1;
};

G_DEFINE_FINAL_TYPE (AkDeletedKey, ak_deleted_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_DELETED_AT,
  PROP_RESTORABLE,
  PROP_RESTORING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ak_deleted_key_finalize (GObject *object)
{
  AkDeletedKey *self = AK_DELETED_KEY (object);

  g_clear_pointer (&self->secret, ak_secret_unref);
  g_clear_object (&self->key);
  g_clear_pointer (&self->deleted_at, g_date_time_unref);

  G_OBJECT_CLASS (ak_deleted_key_parent_class)->finalize (object);
}

static void
ak_deleted_key_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AkDeletedKey *self = AK_DELETED_KEY (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_object (value, self->key);
      break;

    case PROP_DELETED_AT:
      g_value_set_boxed (value, self->deleted_at);
      break;

    case PROP_RESTORABLE:
      g_value_set_boolean (value, ak_deleted_key_get_restorable (self));
      break;

    case PROP_RESTORING:
      g_value_set_boolean (value, self->restoring);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_deleted_key_class_init (AkDeletedKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ak_deleted_key_finalize;
  object_class->get_property = ak_deleted_key_get_property;

  properties [PROP_KEY] =
    g_param_spec_object ("key", NULL, NULL, AK_TYPE_KEY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_DELETED_AT] =
    g_param_spec_boxed ("deleted-at", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_RESTORABLE] =
    g_param_spec_boolean ("restorable", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_RESTORING] =
    g_param_spec_boolean ("restoring", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_deleted_key_init (AkDeletedKey *self)
{
}

AkDeletedKey *
_ak_deleted_key_new (AkKey    *key,
                     AkSecret *secret)
{
  AkDeletedKey *self;

  g_return_val_if_fail (AK_IS_KEY (key), NULL);

  self = g_object_new (AK_TYPE_DELETED_KEY, NULL);
  self->key = g_object_ref (key);
  self->secret = secret != NULL ? ak_secret_ref (secret) : NULL;
  self->deleted_at = g_date_time_new_now_utc ();

  return self;
}

/* Returns: (transfer none) (nullable): the secret to restore the key with */
AkSecret *
_ak_deleted_key_get_secret (AkDeletedKey *self)
{
  g_return_val_if_fail (AK_IS_DELETED_KEY (self), NULL);

  return self->secret;
}

/* Drops the entry's reference to the secret, which wipes it unless a
 * request still holds it. */
void
_ak_deleted_key_forget_secret (AkDeletedKey *self)
{
  g_return_if_fail (AK_IS_DELETED_KEY (self));

  if (self->secret == NULL)
    return;

  g_clear_pointer (&self->secret, ak_secret_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESTORABLE]);
}

void
_ak_deleted_key_set_restoring (AkDeletedKey *self,
                               gboolean      restoring)
{
  g_return_if_fail (AK_IS_DELETED_KEY (self));

  restoring = !!restoring;
  if (self->restoring == restoring)
    return;

  self->restoring = restoring;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESTORING]);
}

/**
 * ak_deleted_key_get_key:
 * @self: an #AkDeletedKey
 *
 * Returns: (transfer none): the key as it was listed before its delete
 */
AkKey *
ak_deleted_key_get_key (AkDeletedKey *self)
{
  g_return_val_if_fail (AK_IS_DELETED_KEY (self), NULL);

  return self->key;
}

/**
 * ak_deleted_key_get_deleted_at:
 * @self: an #AkDeletedKey
 *
 * Returns: (transfer none): when the server confirmed the delete
 */
GDateTime *
ak_deleted_key_get_deleted_at (AkDeletedKey *self)
{
  g_return_val_if_fail (AK_IS_DELETED_KEY (self), NULL);

  return self->deleted_at;
}

/* Whether the key can be made again: an EC2 key whose secret was fetched
 * before its delete. */
gboolean
ak_deleted_key_get_restorable (AkDeletedKey *self)
{
  g_return_val_if_fail (AK_IS_DELETED_KEY (self), FALSE);

  return self->secret != NULL;
}

gboolean
ak_deleted_key_get_restoring (AkDeletedKey *self)
{
  g_return_val_if_fail (AK_IS_DELETED_KEY (self), FALSE);

  return self->restoring;
}
