/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-filter-button"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-key-filter-button.h"

/* The header bar's Filter button: a menu of "Needs Attention (4)", Type,
 * Owner and Project, and Clear Filters, over the key list's AkKeyFilter.
 * The owners and projects are those of the keys present, so the menu is
 * made each time it opens, not each time a key arrives. The button is
 * highlighted, and says so to a screen reader, while a filter is on. */
struct _AkKeyFilterButton
{
  GtkWidget           parent_instance;

  /* Children */
  GtkWidget          *menu_button;

  /* Owned references */
  AkKeyFilter        *filter;
  GSimpleActionGroup *actions;
  GMenu              *menu;
  GMenu              *attention;
  GMenu              *owner_items;
  GMenu              *project_items;

  gulong              active_handler;
  gulong              count_handler;
};

G_DEFINE_FINAL_TYPE (AkKeyFilterButton, ak_key_filter_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* A name in a menu, where "_" would underline the next letter. */
static char *
menu_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GHashTable *names = user_data;

  return g_utf8_collate (g_hash_table_lookup (names, *(const char **) a),
                         g_hash_table_lookup (names, *(const char **) b));
}

/* The items of a submenu's section: one per ID in @names, by name. */
static void
fill_ids (GMenu      *section,
          const char *action,
          GHashTable *names)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_ptr_array_add (ids, id);
  g_ptr_array_sort_with_data (ids, compare_names, names);

  g_menu_remove_all (section);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *key_id = g_ptr_array_index (ids, i);
      g_autofree char *label = menu_label (g_hash_table_lookup (names, key_id));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, action, "s", key_id);
      g_menu_append_item (section, item);
    }
}

static void
remember (GHashTable *names,
          const char *id,
          const char *name)
{
  if (id == NULL || *id == '\0' || g_hash_table_contains (names, id))
    return;

  g_hash_table_insert (names, g_strdup (id),
                       g_strdup (name != NULL && *name != '\0' ? name : id));
}

/* A submenu of "All …" and a section that build_menu() fills. */
static GMenu *
id_submenu (const char *action,
            const char *all_label,
            GMenu      *section)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) all = g_menu_item_new (all_label, NULL);

  g_menu_item_set_action_and_target (all, action, "s", "");
  g_menu_append_item (menu, all);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  return menu;
}

/* The menu's structure, made once: GTK 4.8's popover menu names its
 * submenus' pages by their labels, and would find two of each if they
 * were made again. Only the count and the owners and projects change. */
static void
make_menu (AkKeyFilterButton *self)
{
  g_autoptr(GMenu) fields = g_menu_new ();
  g_autoptr(GMenu) clear = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) owners = NULL;
  g_autoptr(GMenu) projects = NULL;

  self->menu = g_menu_new ();
  self->attention = g_menu_new ();
  self->owner_items = g_menu_new ();
  self->project_items = g_menu_new ();

  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->attention));

  g_menu_append (kinds, _("All Types"), "filter.kind::all");
  g_menu_append (kinds, C_("kind of key", "Access Keys"), "filter.kind::ec2");
  g_menu_append (kinds, _("Application Credentials"), "filter.kind::application-credential");
  g_menu_append_submenu (fields, C_("filter by", "_Type"), G_MENU_MODEL (kinds));
  owners = id_submenu ("filter.owner", _("All Owners"), self->owner_items);
  g_menu_append_submenu (fields, C_("filter by", "_Owner"), G_MENU_MODEL (owners));
  projects = id_submenu ("filter.project", _("All Projects"), self->project_items);
  g_menu_append_submenu (fields, C_("filter by", "_Project"), G_MENU_MODEL (projects));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (fields));

  g_menu_append (clear, _("_Clear Filters"), "filter.clear");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (clear));
}

static void
build_menu (AkKeyFilterButton *self)
{
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) projects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *attention_label = NULL;
  GListModel *keys = self->filter != NULL ? ak_key_filter_get_keys (self->filter) : NULL;
  guint n = keys != NULL ? g_list_model_get_n_items (keys) : 0;
  guint n_attention = self->filter != NULL ?
                      ak_key_filter_get_n_needs_attention (self->filter) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (keys, i);

      remember (owners, ak_key_get_user_id (key), ak_key_get_user_name (key));
      remember (projects, ak_key_get_project_id (key), ak_key_get_project_name (key));
    }
  /* The owner or project remembered from another day stays in the menu,
   * to be seen and turned off, even with none of its keys here. */
  if (self->filter != NULL)
    {
      remember (owners, ak_key_filter_get_owner (self->filter), NULL);
      remember (projects, ak_key_filter_get_project (self->filter), NULL);
    }

  /* Translators: an item of the Filter menu, which shows only the keys
   * with something that needs attention (expired, unusable, …); %u is how
   * many keys have. */
  attention_label = g_strdup_printf (ngettext ("Needs _Attention (%u)", "Needs _Attention (%u)",
                                               n_attention),
                                     n_attention);
  g_menu_remove_all (self->attention);
  g_menu_append (self->attention, attention_label, "filter.needs-attention");

  fill_ids (self->owner_items, "filter.owner", owners);
  fill_ids (self->project_items, "filter.project", projects);
}

static void
popover_show_cb (AkKeyFilterButton *self,
                 GtkWidget         *popover)
{
  build_menu (self);
}

static void
clear_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AkKeyFilterButton *self = AK_KEY_FILTER_BUTTON (user_data);

  if (self->filter != NULL)
    ak_key_filter_clear (self->filter);
}

static void
update_active (AkKeyFilterButton *self)
{
  gboolean active = self->filter != NULL && ak_key_filter_get_active (self->filter);
  GAction *clear = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "clear");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (clear), active);

  if (active)
    {
      gtk_widget_add_css_class (self->menu_button, "filter-active");
      gtk_widget_set_tooltip_text (self->menu_button, _("Filters are on"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Filters are on"),
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->menu_button, "filter-active");
      gtk_widget_set_tooltip_text (self->menu_button, _("Filter Keys"));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->menu_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
active_changed_cb (AkKeyFilterButton *self,
                   GParamSpec        *pspec,
                   AkKeyFilter       *filter)
{
  update_active (self);
}

/* The count follows the flags even while the menu is open. */
static void
count_changed_cb (AkKeyFilterButton *self,
                  GParamSpec        *pspec,
                  AkKeyFilter       *filter)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button));

  if (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover)))
    build_menu (self);
}

static void
rebuild_actions (AkKeyFilterButton *self)
{
  const char *properties_shown[] = { "needs-attention", "kind", "owner", "project" };
  static const GActionEntry entries[] = {
    { "clear", clear_action_cb },
  };

  g_clear_object (&self->actions);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);

  for (guint i = 0; self->filter != NULL && i < G_N_ELEMENTS (properties_shown); i++)
    {
      g_autoptr(GPropertyAction) action =
        g_property_action_new (properties_shown[i], self->filter, properties_shown[i]);

      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
    }

  gtk_widget_insert_action_group (GTK_WIDGET (self), "filter", G_ACTION_GROUP (self->actions));
}

GtkWidget *
ak_key_filter_button_new (void)
{
  return g_object_new (AK_TYPE_KEY_FILTER_BUTTON, NULL);
}

/**
 * ak_key_filter_button_get_filter:
 * @self: an #AkKeyFilterButton
 *
 * Returns: (transfer none) (nullable): the filter the menu sets
 */
AkKeyFilter *
ak_key_filter_button_get_filter (AkKeyFilterButton *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER_BUTTON (self), NULL);

  return self->filter;
}

void
ak_key_filter_button_set_filter (AkKeyFilterButton *self,
                                 AkKeyFilter       *filter)
{
  g_return_if_fail (AK_IS_KEY_FILTER_BUTTON (self));
  g_return_if_fail (!filter || AK_IS_KEY_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    {
      g_clear_signal_handler (&self->active_handler, self->filter);
      g_clear_signal_handler (&self->count_handler, self->filter);
    }
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    {
      self->active_handler = g_signal_connect_object (filter, "notify::active",
                                                      G_CALLBACK (active_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
      self->count_handler = g_signal_connect_object (filter, "notify::n-needs-attention",
                                                     G_CALLBACK (count_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
    }
  rebuild_actions (self);
  update_active (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILTER]);
}

/**
 * ak_key_filter_button_get_menu:
 * @self: an #AkKeyFilterButton
 *
 * Returns: (transfer none): the menu, as it is made when it opens
 */
GMenuModel *
ak_key_filter_button_get_menu (AkKeyFilterButton *self)
{
  g_return_val_if_fail (AK_IS_KEY_FILTER_BUTTON (self), NULL);

  build_menu (self);

  return G_MENU_MODEL (self->menu);
}

static void
ak_key_filter_button_dispose (GObject *object)
{
  AkKeyFilterButton *self = AK_KEY_FILTER_BUTTON (object);

  if (self->filter != NULL)
    {
      g_clear_signal_handler (&self->active_handler, self->filter);
      g_clear_signal_handler (&self->count_handler, self->filter);
    }
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->filter);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_object (&self->attention);
  g_clear_object (&self->owner_items);
  g_clear_object (&self->project_items);

  G_OBJECT_CLASS (ak_key_filter_button_parent_class)->dispose (object);
}

static void
ak_key_filter_button_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AkKeyFilterButton *self = AK_KEY_FILTER_BUTTON (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_filter_button_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AkKeyFilterButton *self = AK_KEY_FILTER_BUTTON (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      ak_key_filter_button_set_filter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_filter_button_class_init (AkKeyFilterButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_key_filter_button_dispose;
  object_class->get_property = ak_key_filter_button_get_property;
  object_class->set_property = ak_key_filter_button_set_property;

  properties [PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         AK_TYPE_KEY_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ak_key_filter_button_init (AkKeyFilterButton *self)
{
  make_menu (self);
  build_menu (self);
  self->menu_button = gtk_menu_button_new ();
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "ak-filter-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button),
                                  G_MENU_MODEL (self->menu));
  g_signal_connect_object (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->menu_button)),
                           "show", G_CALLBACK (popover_show_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter Keys"),
                                  -1);
  rebuild_actions (self);
  update_active (self);
}
