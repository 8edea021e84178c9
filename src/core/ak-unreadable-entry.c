/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-unreadable-entry"

#include "config.h"

#include "ak-unreadable-entry.h"

struct _AkUnreadableEntry
{
  GObject    parent_instance;

  /* Owned references */
  char      *reason;
  char      *user_id;
  char      *user_name;

  AkKeyKind  kind;
  guint      position;
};

G_DEFINE_FINAL_TYPE (AkUnreadableEntry, ak_unreadable_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_POSITION,
  PROP_REASON,
  PROP_USER_ID,
  PROP_USER_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ak_unreadable_entry_finalize (GObject *object)
{
  AkUnreadableEntry *self = AK_UNREADABLE_ENTRY (object);

  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->user_name, g_free);

  G_OBJECT_CLASS (ak_unreadable_entry_parent_class)->finalize (object);
}

static void
ak_unreadable_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AkUnreadableEntry *self = AK_UNREADABLE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;

    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_unreadable_entry_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AkUnreadableEntry *self = AK_UNREADABLE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;

    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;

    case PROP_USER_ID:
      ak_unreadable_entry_set_user_id (self, g_value_get_string (value));
      break;

    case PROP_USER_NAME:
      ak_unreadable_entry_set_user_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_unreadable_entry_class_init (AkUnreadableEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ak_unreadable_entry_finalize;
  object_class->get_property = ak_unreadable_entry_get_property;
  object_class->set_property = ak_unreadable_entry_set_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       AK_TYPE_KEY_KIND, AK_KEY_KIND_EC2,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Where in the answer's list the entry was, counted from 0. */
  properties [PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Which field, and what is wrong with it; never the field's value. */
  properties [PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Whose list it was in, where the list was of one user's keys. */
  properties [PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_unreadable_entry_init (AkUnreadableEntry *self)
{
}

/**
 * ak_unreadable_entry_new:
 * @kind: the kind of key the list was of
 * @position: where in the answer's list the entry was, counted from 0
 * @reason: which field could not be read and why, for a person
 *
 * Returns: (transfer full): a new #AkUnreadableEntry
 */
AkUnreadableEntry *
ak_unreadable_entry_new (AkKeyKind   kind,
                         guint       position,
                         const char *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);

  return g_object_new (AK_TYPE_UNREADABLE_ENTRY,
                       "kind", kind,
                       "position", position,
                       "reason", reason,
                       NULL);
}

AkKeyKind
ak_unreadable_entry_get_kind (AkUnreadableEntry *self)
{
  g_return_val_if_fail (AK_IS_UNREADABLE_ENTRY (self), AK_KEY_KIND_EC2);

  return self->kind;
}

guint
ak_unreadable_entry_get_position (AkUnreadableEntry *self)
{
  g_return_val_if_fail (AK_IS_UNREADABLE_ENTRY (self), 0);

  return self->position;
}

const char *
ak_unreadable_entry_get_reason (AkUnreadableEntry *self)
{
  g_return_val_if_fail (AK_IS_UNREADABLE_ENTRY (self), NULL);

  return self->reason;
}

const char *
ak_unreadable_entry_get_user_id (AkUnreadableEntry *self)
{
  g_return_val_if_fail (AK_IS_UNREADABLE_ENTRY (self), NULL);

  return self->user_id;
}

void
ak_unreadable_entry_set_user_id (AkUnreadableEntry *self,
                                 const char        *user_id)
{
  g_return_if_fail (AK_IS_UNREADABLE_ENTRY (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;

  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_ID]);
}

const char *
ak_unreadable_entry_get_user_name (AkUnreadableEntry *self)
{
  g_return_val_if_fail (AK_IS_UNREADABLE_ENTRY (self), NULL);

  return self->user_name;
}

void
ak_unreadable_entry_set_user_name (AkUnreadableEntry *self,
                                   const char        *user_name)
{
  g_return_if_fail (AK_IS_UNREADABLE_ENTRY (self));

  if (g_strcmp0 (self->user_name, user_name) == 0)
    return;

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USER_NAME]);
}
