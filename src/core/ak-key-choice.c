/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-choice"

#include "config.h"

#include "ak-account-session.h"
#include "ak-key-choice.h"

/* Which keys are chosen is kept by identity, never by position: a refresh
 * replaces every AkKey with a new one, and a re-sort moves them all, but a
 * chosen key stays chosen for as long as the list has a key with its kind
 * and ID. A key that leaves the list leaves the choice with it, so that
 * what is deleted is always something the person can see ticked.
 *
 * ::changed is emitted whenever any key's chosen state changes, for the
 * rows' check boxes to follow; notify::n-chosen when the count does. */
struct _AkKeyChoice
{
  GObject     parent_instance;

  /* Owned references */
  GListModel *keys;
  /* identity → the AkKey in @keys with that identity */
  GHashTable *chosen;

  gulong      items_changed_handler;
};

G_DEFINE_FINAL_TYPE (AkKeyChoice, ak_key_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEYS,
  PROP_N_CHOSEN,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static char *
identity_of (AkKey *key)
{
  return ak_key_identity (ak_key_get_kind (key), ak_key_get_id (key));
}

static void
emit_changed (AkKeyChoice *self,
              guint        n_before)
{
  g_signal_emit (self, signals [CHANGED], 0);
  if (g_hash_table_size (self->chosen) != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_CHOSEN]);
}

/* The list changed: keep the chosen identities it still has, each with the
 * key object the list has now. */
static void
items_changed_cb (AkKeyChoice *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *keys)
{
  g_autoptr(GHashTable) still = NULL;
  guint n_before = g_hash_table_size (self->chosen);
  guint n = g_list_model_get_n_items (keys);

  if (n_before == 0)
    return;

  still = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);
      g_autofree char *identity = identity_of (key);

      if (g_hash_table_contains (self->chosen, identity))
        g_hash_table_insert (still, g_steal_pointer (&identity), g_object_ref (key));
    }

  g_clear_pointer (&self->chosen, g_hash_table_unref);
  self->chosen = g_steal_pointer (&still);
  emit_changed (self, n_before);
}

static void
ak_key_choice_dispose (GObject *object)
{
  AkKeyChoice *self = AK_KEY_CHOICE (object);

  ak_key_choice_set_keys (self, NULL);

  G_OBJECT_CLASS (ak_key_choice_parent_class)->dispose (object);
}

static void
ak_key_choice_finalize (GObject *object)
{
  AkKeyChoice *self = AK_KEY_CHOICE (object);

  g_clear_pointer (&self->chosen, g_hash_table_unref);

  G_OBJECT_CLASS (ak_key_choice_parent_class)->finalize (object);
}

static void
ak_key_choice_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AkKeyChoice *self = AK_KEY_CHOICE (object);

  switch (prop_id)
    {
    case PROP_KEYS:
      g_value_set_object (value, self->keys);
      break;

    case PROP_N_CHOSEN:
      g_value_set_uint (value, ak_key_choice_get_n_chosen (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_choice_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AkKeyChoice *self = AK_KEY_CHOICE (object);

  switch (prop_id)
    {
    case PROP_KEYS:
      ak_key_choice_set_keys (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_choice_class_init (AkKeyChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ak_key_choice_dispose;
  object_class->finalize = ak_key_choice_finalize;
  object_class->get_property = ak_key_choice_get_property;
  object_class->set_property = ak_key_choice_set_property;

  properties [PROP_KEYS] =
    g_param_spec_object ("keys", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_CHOSEN] =
    g_param_spec_uint ("n-chosen", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AkKeyChoice::changed:
   *
   * Some key was chosen or unchosen.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ak_key_choice_init (AkKeyChoice *self)
{
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * ak_key_choice_new:
 * @keys: (nullable): a #GListModel of #AkKey to choose from
 *
 * Returns: (transfer full): a new, empty choice
 */
AkKeyChoice *
ak_key_choice_new (GListModel *keys)
{
  g_return_val_if_fail (!keys || G_IS_LIST_MODEL (keys), NULL);

  return g_object_new (AK_TYPE_KEY_CHOICE, "keys", keys, NULL);
}

/**
 * ak_key_choice_get_keys:
 * @self: an #AkKeyChoice
 *
 * Returns: (transfer none) (nullable): the keys chosen from
 */
GListModel *
ak_key_choice_get_keys (AkKeyChoice *self)
{
  g_return_val_if_fail (AK_IS_KEY_CHOICE (self), NULL);

  return self->keys;
}

/**
 * ak_key_choice_set_keys:
 * @self: an #AkKeyChoice
 * @keys: (nullable): a #GListModel of #AkKey
 *
 * Chooses from other keys (another account's): nothing stays chosen.
 */
void
ak_key_choice_set_keys (AkKeyChoice *self,
                        GListModel  *keys)
{
  g_return_if_fail (AK_IS_KEY_CHOICE (self));
  g_return_if_fail (!keys || G_IS_LIST_MODEL (keys));

  if (self->keys == keys)
    return;

  if (self->keys != NULL)
    g_clear_signal_handler (&self->items_changed_handler, self->keys);
  g_set_object (&self->keys, keys);
  if (keys != NULL)
    self->items_changed_handler =
      g_signal_connect_object (keys, "items-changed",
                               G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  ak_key_choice_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEYS]);
}

guint
ak_key_choice_get_n_chosen (AkKeyChoice *self)
{
  g_return_val_if_fail (AK_IS_KEY_CHOICE (self), 0);

  return g_hash_table_size (self->chosen);
}

gboolean
ak_key_choice_get_chosen (AkKeyChoice *self,
                          AkKey       *key)
{
  g_autofree char *identity = NULL;

  g_return_val_if_fail (AK_IS_KEY_CHOICE (self), FALSE);
  g_return_val_if_fail (AK_IS_KEY (key), FALSE);

  identity = identity_of (key);

  return g_hash_table_contains (self->chosen, identity);
}

/**
 * ak_key_choice_set_chosen:
 * @self: an #AkKeyChoice
 * @key: a key of the list
 * @chosen: whether to choose it
 */
void
ak_key_choice_set_chosen (AkKeyChoice *self,
                          AkKey       *key,
                          gboolean     chosen)
{
  g_autofree char *identity = NULL;
  guint n_before;

  g_return_if_fail (AK_IS_KEY_CHOICE (self));
  g_return_if_fail (AK_IS_KEY (key));

  identity = identity_of (key);
  n_before = g_hash_table_size (self->chosen);
  if (chosen == g_hash_table_contains (self->chosen, identity))
    return;

  if (chosen)
    g_hash_table_insert (self->chosen, g_steal_pointer (&identity), g_object_ref (key));
  else
    g_hash_table_remove (self->chosen, identity);

  emit_changed (self, n_before);
}

/**
 * ak_key_choice_choose_all:
 * @self: an #AkKeyChoice
 * @shown: a #GListModel of the keys shown (the list as searched)
 *
 * Chooses every key in @shown; keys the search hides are left as they are.
 */
void
ak_key_choice_choose_all (AkKeyChoice *self,
                          GListModel  *shown)
{
  guint n_before;
  guint n;

  g_return_if_fail (AK_IS_KEY_CHOICE (self));
  g_return_if_fail (G_IS_LIST_MODEL (shown));

  n_before = g_hash_table_size (self->chosen);
  n = g_list_model_get_n_items (shown);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (shown, i);

      g_hash_table_replace (self->chosen, identity_of (key), g_object_ref (key));
    }

  if (g_hash_table_size (self->chosen) != n_before)
    emit_changed (self, n_before);
}

void
ak_key_choice_clear (AkKeyChoice *self)
{
  guint n_before;

  g_return_if_fail (AK_IS_KEY_CHOICE (self));

  n_before = g_hash_table_size (self->chosen);
  if (n_before == 0)
    return;

  g_hash_table_remove_all (self->chosen);
  emit_changed (self, n_before);
}

/**
 * ak_key_choice_dup_chosen:
 * @self: an #AkKeyChoice
 *
 * The chosen keys, in the order of the list chosen from.
 *
 * Returns: (transfer container) (element-type AkKey): the chosen keys
 */
GPtrArray *
ak_key_choice_dup_chosen (AkKeyChoice *self)
{
  GPtrArray *chosen;
  guint n;

  g_return_val_if_fail (AK_IS_KEY_CHOICE (self), NULL);

  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->keys == NULL || g_hash_table_size (self->chosen) == 0)
    return chosen;

  n = g_list_model_get_n_items (self->keys);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (self->keys, i);
      g_autofree char *identity = identity_of (key);

      if (g_hash_table_contains (self->chosen, identity))
        g_ptr_array_add (chosen, g_steal_pointer (&key));
    }

  return chosen;
}
