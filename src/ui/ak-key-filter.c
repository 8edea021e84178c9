/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-filter"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ak-key-filter.h"

/* The key list's filters beside its search text: only the keys that need
 * attention, of one kind, of one owner, in one project. Each check is a
 * comparison of a field the key already holds, so this filter goes before
 * the search text's in the list's GtkEveryFilter, and a filter that is off
 * matches everything without asking about any key.
 *
 * The filter also watches the keys' flags, which are worked out after the
 * keys arrive (some need more lookups on the server): it counts the keys
 * that need attention, for the filter's menu, and re-filters when a flag
 * changes while "Needs attention" is on. The work of many changes is done
 * once, when the main loop is idle. */
struct _AkKeyFilter
{
  GtkFilter   parent_instance;

  /* Owned references */
  GListModel *keys;
  /* The keys, in the model's order, to know which go */
  GPtrArray  *keys_in_order;
  /* The keys whose flags are watched, from the recount after they came */
  GHashTable *watched;

  char       *owner;
  char       *project;
  int         kind;               /* an AkKeyKind, or -1 for every kind */
  gboolean    needs_attention;
  guint       n_needs_attention;

  gulong      items_changed_handler;
  guint       recount_source;
  gboolean    refilter_pending;
};

G_DEFINE_FINAL_TYPE (AkKeyFilter, ak_key_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_KEYS,
  PROP_NEEDS_ATTENTION,
  PROP_KIND,
  PROP_OWNER,
  PROP_PROJECT,
  PROP_ACTIVE,
  PROP_N_NEEDS_ATTENTION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The "kind" property's words, as in the filter-kind setting. */
static const char *kind_words[] = { "ec2", "application-credential" };

static gboolean
is_active (AkKeyFilter *self)
{
  return self->needs_attention || self->kind >= 0 || self->owner != NULL ||
         self->project != NULL;
}

static gboolean
ak_key_filter_match (GtkFilter *filter,
                     gpointer   item)
{
  AkKeyFilter *self = AK_KEY_FILTER (filter);
  AkKey *key = item;

  if (self->needs_attention && ak_key_get_flags (key) == AK_KEY_FLAGS_NONE)
    return FALSE;
  if (self->kind >= 0 && (int) ak_key_get_kind (key) != self->kind)
    return FALSE;
  if (self->owner != NULL && g_strcmp0 (ak_key_get_user_id (key), self->owner) != 0)
    return FALSE;
  if (self->project != NULL && g_strcmp0 (ak_key_get_project_id (key), self->project) != 0)
    return FALSE;

  return TRUE;
}

static GtkFilterMatch
ak_key_filter_get_strictness (GtkFilter *filter)
{
  return is_active (AK_KEY_FILTER (filter)) ? GTK_FILTER_MATCH_SOME : GTK_FILTER_MATCH_ALL;
}

/* After one condition changed: tells the list, and whether the filter as a
 * whole turned on or off. */
static void
changed (AkKeyFilter      *self,
         gboolean          was_active,
         GtkFilterChange   change)
{
  gtk_filter_changed (GTK_FILTER (self), change);
  if (was_active != is_active (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVE]);
}

static GtkFilterChange
change_for (gboolean was_on,
            gboolean is_on)
{
  if (!was_on && is_on)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (was_on && !is_on)
    return GTK_FILTER_CHANGE_LESS_STRICT;

  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void key_flags_changed_cb (AkKeyFilter *self,
                                  GParamSpec  *pspec,
                                  AkKey       *key);

/* Keys are watched from the first recount after they came, not as they
 * come: thousands come at once, before the list's first frame. A flag that
 * changes before the recount is counted by it, and the recount filters
 * again. */
static void
watch (AkKeyFilter *self,
       AkKey       *key)
{
  if (!g_hash_table_add (self->watched, key))
    return;

  g_signal_connect_swapped (key, "notify::flags", G_CALLBACK (key_flags_changed_cb), self);
  /* Its flags may have changed since the list filtered it. */
  self->refilter_pending = TRUE;
}

static void
unwatch (AkKeyFilter *self,
         AkKey       *key)
{
  if (g_hash_table_remove (self->watched, key))
    g_signal_handlers_disconnect_by_func (key, key_flags_changed_cb, self);
}

static gboolean
recount_cb (gpointer user_data)
{
  AkKeyFilter *self = AK_KEY_FILTER (user_data);
  guint n = 0;

  self->recount_source = 0;

  for (guint i = 0; i < self->keys_in_order->len; i++)
    {
      AkKey *key = g_ptr_array_index (self->keys_in_order, i);

      if (ak_key_get_flags (key) != AK_KEY_FLAGS_NONE)
        n++;
      watch (self, key);
    }

  if (self->refilter_pending)
    {
      self->refilter_pending = FALSE;
      if (self->needs_attention)
        gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
    }

  if (n != self->n_needs_attention)
    {
      self->n_needs_attention = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_NEEDS_ATTENTION]);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_recount (AkKeyFilter *self)
{
  if (self->recount_source == 0)
    self->recount_source = g_idle_add (recount_cb, self);
}

static void
key_flags_changed_cb (AkKeyFilter *self,
                      GParamSpec  *pspec,
                      AkKey       *key)
{
  self->refilter_pending = TRUE;
  schedule_recount (self);
}

static void
unwatch_all (AkKeyFilter *self)
{
  for (guint i = 0; i < self->keys_in_order->len; i++)
    unwatch (self, g_ptr_array_index (self->keys_in_order, i));
}

static void
keys_changed_cb (AkKeyFilter *self,
                 guint        position,
                 guint        removed,
                 guint        added,
                 GListModel  *keys)
{
  GPtrArray *in_order = self->keys_in_order;
  guint tail;

  g_assert (position + removed <= in_order->len);

  /* In one move each way: a refresh replaces thousands of keys at once. */
  for (guint i = 0; i < removed; i++)
    unwatch (self, g_ptr_array_index (in_order, position + i));
  g_ptr_array_remove_range (in_order, position, removed);

  tail = in_order->len - position;
  g_ptr_array_set_size (in_order, in_order->len + added);
  /* Not with nothing to move: an empty array may have no storage at all. */
  if (tail > 0 && added > 0)
    memmove (in_order->pdata + position + added, in_order->pdata + position,
             tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    in_order->pdata[position + i] = g_list_model_get_item (keys, position + i);

  schedule_recount (self);
}

AkKeyFilter *
ak_key_filter_new (void)
{
  return g_object_new (AK_TYPE_KEY_FILTER, NULL);
}

/**
 * ak_key_filter_get_keys:
 * @self: an #AkKeyFilter
 *
 * Returns: (transfer none) (nullable): the keys the filter counts and
 *   watches
 */
GListModel *
ak_key_filter_get_keys (AkKeyFilter *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER (self), NULL);

  return self->keys;
}

/**
 * ak_key_filter_set_keys:
 * @self: an #AkKeyFilter
 * @keys: (nullable): the #AkKey the filter is used on, all of them
 */
void
ak_key_filter_set_keys (AkKeyFilter *self,
                        GListModel  *keys)
{
  g_return_if_fail (AK_IS_KEY_FILTER (self));
  g_return_if_fail (!keys || G_IS_LIST_MODEL (keys));

  if (self->keys == keys)
    return;

  if (self->keys != NULL)
    {
      g_clear_signal_handler (&self->items_changed_handler, self->keys);
      unwatch_all (self);
      g_ptr_array_set_size (self->keys_in_order, 0);
    }
  g_set_object (&self->keys, keys);
  if (keys != NULL)
    {
      self->items_changed_handler =
        g_signal_connect_object (keys, "items-changed",
                                 G_CALLBACK (keys_changed_cb), self, G_CONNECT_SWAPPED);
      keys_changed_cb (self, 0, 0, g_list_model_get_n_items (keys), keys);
    }
  schedule_recount (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEYS]);
}

gboolean
ak_key_filter_get_needs_attention (AkKeyFilter *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER (self), FALSE);

  return self->needs_attention;
}

void
ak_key_filter_set_needs_attention (AkKeyFilter *self,
                                   gboolean     needs_attention)
{
  gboolean was_active;

  g_return_if_fail (AK_IS_KEY_FILTER (self));

  needs_attention = !!needs_attention;
  if (self->needs_attention == needs_attention)
    return;

  was_active = is_active (self);
  self->needs_attention = needs_attention;
  changed (self, was_active, change_for (!needs_attention, needs_attention));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEEDS_ATTENTION]);
}

/**
 * ak_key_filter_get_kind:
 * @self: an #AkKeyFilter
 *
 * Returns: "all", "ec2" or "application-credential"
 */
const char *
ak_key_filter_get_kind (AkKeyFilter *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER (self), NULL);

  return self->kind >= 0 ? kind_words[self->kind] : "all";
}

/**
 * ak_key_filter_set_kind:
 * @self: an #AkKeyFilter
 * @kind: (nullable): "all" (or %NULL), "ec2" or "application-credential"
 */
void
ak_key_filter_set_kind (AkKeyFilter *self,
                        const char  *kind)
{
  gboolean was_active;
  int old;
  int value = -1;

  g_return_if_fail (AK_IS_KEY_FILTER (self));

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kind_words); i++)
    if (g_str_equal (kind, kind_words[i]))
      value = (int) i;

  if (self->kind == value)
    return;

  was_active = is_active (self);
  old = self->kind;
  self->kind = value;
  changed (self, was_active, change_for (old >= 0, value >= 0));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
}

/**
 * ak_key_filter_get_owner:
 * @self: an #AkKeyFilter
 *
 * Returns: the ID of the owner whose keys pass, "" for every owner's
 */
const char *
ak_key_filter_get_owner (AkKeyFilter *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER (self), NULL);

  return self->owner != NULL ? self->owner : "";
}

static void
set_id (AkKeyFilter  *self,
        char        **field,
        const char   *id,
        GParamSpec   *pspec)
{
  gboolean was_active = is_active (self);
  gboolean was_on = *field != NULL;

  if (id != NULL && *id == '\0')
    id = NULL;
  if (g_strcmp0 (*field, id) == 0)
    return;

  g_free (*field);
  *field = g_strdup (id);
  changed (self, was_active, change_for (was_on, id != NULL));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * ak_key_filter_set_owner:
 * @self: an #AkKeyFilter
 * @owner_id: (nullable): the user ID whose keys pass; %NULL or "" for all
 */
void
ak_key_filter_set_owner (AkKeyFilter *self,
                         const char  *owner_id)
{
  g_return_if_fail (AK_IS_KEY_FILTER (self));

  set_id (self, &self->owner, owner_id, properties [PROP_OWNER]);
}

/**
 * ak_key_filter_get_project:
 * @self: an #AkKeyFilter
 *
 * Returns: the ID of the project whose keys pass, "" for every project's
 */
const char *
ak_key_filter_get_project (AkKeyFilter *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER (self), NULL);

  return self->project != NULL ? self->project : "";
}

/**
 * ak_key_filter_set_project:
 * @self: an #AkKeyFilter
 * @project_id: (nullable): the project ID whose keys pass; %NULL or "" for
 *   all
 */
void
ak_key_filter_set_project (AkKeyFilter *self,
                           const char  *project_id)
{
  g_return_if_fail (AK_IS_KEY_FILTER (self));

  set_id (self, &self->project, project_id, properties [PROP_PROJECT]);
}

/**
 * ak_key_filter_get_active:
 * @self: an #AkKeyFilter
 *
 * Returns: whether any filter is on
 */
gboolean
ak_key_filter_get_active (AkKeyFilter *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER (self), FALSE);

  return is_active (self);
}

/**
 * ak_key_filter_get_n_needs_attention:
 * @self: an #AkKeyFilter
 *
 * Returns: how many of the keys have a flag, whatever the filters; counted
 *   when the main loop is idle after the keys or their flags change
 */
guint
ak_key_filter_get_n_needs_attention (AkKeyFilter *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER (self), 0);

  return self->n_needs_attention;
}

/**
 * ak_key_filter_clear:
 * @self: an #AkKeyFilter
 *
 * Turns every filter off, with one change for the list.
 */
void
ak_key_filter_clear (AkKeyFilter *self)
{
  g_return_if_fail (AK_IS_KEY_FILTER (self));

  if (!is_active (self))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->needs_attention)
    {
      self->needs_attention = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEEDS_ATTENTION]);
    }
  if (self->kind >= 0)
    {
      self->kind = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
    }
  if (self->owner != NULL)
    {
      g_clear_pointer (&self->owner, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNER]);
    }
  if (self->project != NULL)
    {
      g_clear_pointer (&self->project, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROJECT]);
    }
  changed (self, TRUE, GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ak_key_filter_bind_settings:
 * @self: an #AkKeyFilter
 * @settings: the app's settings
 *
 * Remembers the filters in @settings (filter-needs-attention, filter-kind,
 * filter-owner, filter-project), and starts with the ones remembered.
 */
void
ak_key_filter_bind_settings (AkKeyFilter *self,
                             GSettings   *settings)
{
  g_return_if_fail (AK_IS_KEY_FILTER (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "filter-needs-attention", self, "needs-attention",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "filter-kind", self, "kind", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "filter-owner", self, "owner", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "filter-project", self, "project", G_SETTINGS_BIND_DEFAULT);
}

static void
ak_key_filter_dispose (GObject *object)
{
  AkKeyFilter *self = AK_KEY_FILTER (object);

  ak_key_filter_set_keys (self, NULL);
  g_clear_handle_id (&self->recount_source, g_source_remove);

  G_OBJECT_CLASS (ak_key_filter_parent_class)->dispose (object);
}

static void
ak_key_filter_finalize (GObject *object)
{
  AkKeyFilter *self = AK_KEY_FILTER (object);

  g_clear_pointer (&self->keys_in_order, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->project, g_free);

  G_OBJECT_CLASS (ak_key_filter_parent_class)->finalize (object);
}

static void
ak_key_filter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AkKeyFilter *self = AK_KEY_FILTER (object);

  switch (prop_id)
    {
    case PROP_KEYS:
      g_value_set_object (value, self->keys);
      break;

    case PROP_NEEDS_ATTENTION:
      g_value_set_boolean (value, self->needs_attention);
      break;

    case PROP_KIND:
      g_value_set_string (value, ak_key_filter_get_kind (self));
      break;

    case PROP_OWNER:
      g_value_set_string (value, ak_key_filter_get_owner (self));
      break;

    case PROP_PROJECT:
      g_value_set_string (value, ak_key_filter_get_project (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, is_active (self));
      break;

    case PROP_N_NEEDS_ATTENTION:
      g_value_set_uint (value, self->n_needs_attention);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_filter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AkKeyFilter *self = AK_KEY_FILTER (object);

  switch (prop_id)
    {
    case PROP_KEYS:
      ak_key_filter_set_keys (self, g_value_get_object (value));
      break;

    case PROP_NEEDS_ATTENTION:
      ak_key_filter_set_needs_attention (self, g_value_get_boolean (value));
      break;

    case PROP_KIND:
      ak_key_filter_set_kind (self, g_value_get_string (value));
      break;

    case PROP_OWNER:
      ak_key_filter_set_owner (self, g_value_get_string (value));
      break;

    case PROP_PROJECT:
      ak_key_filter_set_project (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_filter_class_init (AkKeyFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->dispose = ak_key_filter_dispose;
  object_class->finalize = ak_key_filter_finalize;
  object_class->get_property = ak_key_filter_get_property;
  object_class->set_property = ak_key_filter_set_property;

  filter_class->match = ak_key_filter_match;
  filter_class->get_strictness = ak_key_filter_get_strictness;

  properties [PROP_KEYS] =
    g_param_spec_object ("keys", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NEEDS_ATTENTION] =
    g_param_spec_boolean ("needs-attention", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         "all",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_NEEDS_ATTENTION] =
    g_param_spec_uint ("n-needs-attention", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_key_filter_init (AkKeyFilter *self)
{
  self->kind = -1;
  self->keys_in_order = g_ptr_array_new_with_free_func (g_object_unref);
  self->watched = g_hash_table_new (NULL, NULL);
}
