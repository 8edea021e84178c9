/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-list"

#include "config.h"

/* This file may use GTK 4.12's gtk_column_view_scroll_to() and its
 * GTK_LIST_SCROLL_* flags, and gtk_column_view_set_tab_behavior(), behind
 * GTK_CHECK_VERSION (4, 12, 0). */
#undef GDK_VERSION_MAX_ALLOWED
#define GDK_VERSION_MAX_ALLOWED G_ENCODE_VERSION (4, 12)

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "ak-a11y-private.h"
#include "ak-date-format.h"
#include "ak-key-choice.h"
#include "ak-key-filter.h"
#include "ak-key-filter-button.h"
#include "ak-key-list.h"
#include "ak-key-row-actions.h"
#include "ak-key-search.h"
#include "ak-key-status-cell.h"
#include "ak-row-reveal.h"
#include "ak-ui-util-private.h"

/* The page that shows an account's keys: the window's GListStore of AkKey,
 * sorted by the column the user picked, filtered by the Filter menu's
 * choices (AkKeyFilter, cheap checks first) and the search text
 * (AkKeySearch), in a GtkColumnView. Cells are plain labels filled on
 * bind, so a list of thousands of keys scrolls without work beyond the
 * visible rows.
 *
 * Sorting compares keys in pairs: the column view's sorter offers GTK no
 * sort keys, so GTK asks it about two items at a time, some 60,000 times
 * for 5,000 keys. The text columns therefore compare collation keys made
 * once per text and kept in collation_keys, not made anew on each side of
 * each comparison; IDs, which are no words, compare byte by byte.
 *
 * One target: keyboard, pointer and screen reader act on the same row.
 * Whichever way the focus enters a row (arrows, Tab, a click on any of its
 * cells, its menu), that row becomes the selected one; the Delete key and
 * the context menu act on the focused row's key, found by the row's own
 * cell, never by a position. The list is one Tab stop: Tab leaves it from
 * any row and the arrows move between rows. When the focused row goes (its
 * key deleted, the list refreshed), the focus moves to the key that took
 * its place, or the one before, or the search entry: it is never lost.
 *
 * In selection mode a first column of check boxes ticks keys for deleting
 * together. What is ticked is an AkKeyChoice, kept by identity: a re-sort or
 * a refresh leaves the same keys ticked. Space ticks the focused row, Ctrl+A
 * every key the search shows, Delete asks about the keys ticked (the
 * focused row's when none is), and Escape leaves the mode.
 *
 * Narrow: in a window too narrow for six columns, the same column view
 * shows one Key column (the name or ID, with the kind and owner below) and
 * the actions column, so that every row's menu stays in sight and its rows
 * are the same rows, with the same focus and selection, as in the wide
 * table. */
struct _AkKeyList
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *check_column;
  GtkColumnViewColumn  *id_column;
  GtkColumnViewColumn  *kind_column;
  GtkColumnViewColumn  *owner_column;
  GtkColumnViewColumn  *project_column;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *expires_column;
  GtkColumnViewColumn  *key_column;
  GtkColumnViewColumn  *actions_column;
  GtkLabel             *count_label;
  AdwStatusPage        *no_results_page;
  AkKeyFilterButton    *search_filter_button;
  GtkRevealer          *filter_bar;
  AkKeyFilterButton    *bar_filter_button;
  GtkLabel             *filter_label;
  GtkWidget            *clear_filters_button;

  /* Owned references */
  GListModel           *model;
  GtkSortListModel     *sort_model;
  /* The keys the list shows, in their order */
  GtkFilterListModel   *filter_model;
  AkKeySearch          *filter;
  AkKeyFilter          *key_filter;
  AkRowReveal          *reveal;
  GtkSingleSelection   *selection;
  AkKeyChoice          *choice;

  /* Collation keys by text, shared with the text columns' sorters */
  GHashTable           *collation_keys;

  /* The key of the row the focus is in, or was in until that row went */
  AkKey                *focus_key;
  guint                 focus_position;
  gboolean              focus_in_rows;
  guint                 restore_focus_source;

  /* Weak references */
  GtkWindow            *window;

  gulong                model_changed_handler;
  gulong                filter_changed_handler;
  gulong                focus_handler;
  gboolean              search_mode_enabled;
  gboolean              selection_mode;
  gboolean              show_expiry;
  gboolean              narrow;

  /* The column the keys are sorted by (an id of sort_columns) */
  const char           *sort_column;
  gboolean              sort_descending;
};

/* The columns a person may sort by, by the name the Sort menu and the
 * "sort-column" property give them, and where each is in the struct. */
static const struct {
  const char *id;
  gsize       offset;
} sort_columns[] = {
  { "id", G_STRUCT_OFFSET (AkKeyList, id_column) },
  { "kind", G_STRUCT_OFFSET (AkKeyList, kind_column) },
  { "owner", G_STRUCT_OFFSET (AkKeyList, owner_column) },
  { "project", G_STRUCT_OFFSET (AkKeyList, project_column) },
  { "name", G_STRUCT_OFFSET (AkKeyList, name_column) },
  { "status", G_STRUCT_OFFSET (AkKeyList, status_column) },
  { "expires", G_STRUCT_OFFSET (AkKeyList, expires_column) },
};

G_DEFINE_FINAL_TYPE (AkKeyList, ak_key_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SHOW_EXPIRY,
  PROP_SEARCH_MODE_ENABLED,
  PROP_SELECTION_MODE,
  PROP_NARROW,
  PROP_SORT_COLUMN,
  PROP_SORT_DESCENDING,
  PROP_FILTER,
  PROP_SELECTED_KEY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Which field a label cell shows. */
typedef enum
{
  FIELD_ID,
  FIELD_KIND,
  FIELD_OWNER,
  FIELD_PROJECT,
  FIELD_NAME,
  FIELD_EXPIRES,
  FIELD_KEY,
} Field;

/* What a key is called where one text must do: its name, or its ID when it
 * has none. */
static gboolean
key_has_name (AkKey *key)
{
  const char *name = ak_key_get_name (key);

  return name != NULL && *name != '\0';
}

static char *
format_expiry (GDateTime *expires_at)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;

  if (expires_at == NULL)
    /* Translators: in the Expires column, for a key that never expires. */
    return g_strdup (C_("expires", "Never"));

  date = ak_date_format_medium (expires_at);
  now = g_date_time_new_now_utc ();

  if (g_date_time_compare (expires_at, now) <= 0)
    /* Translators: in the Expires column; %s is the date the key expired. */
    return g_strdup_printf (_("%s (expired)"), date);

  return g_steal_pointer (&date);
}

/* The Expires cell's tooltip: the exact date and time, and how far away. */
static char *
format_expiry_tooltip (GDateTime *expires_at)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *full = NULL;
  g_autofree char *relative = NULL;

  if (expires_at == NULL)
    return NULL;

  now = g_date_time_new_now_local ();
  full = ak_date_format_full (expires_at);
  relative = ak_date_format_relative (expires_at, now);

  /* Translators: the tooltip of a date in the Expires column: the date and
   * time, then how far it is from today, e.g. "March 2, 2027, 2:05 PM (in
   * 20 days)". */
  return g_strdup_printf (C_("expiry tooltip", "%s (%s)"), full, relative);
}

static int
compare_expiry (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GDateTime *ea = ak_key_get_expires_at (AK_KEY ((gpointer) a));
  GDateTime *eb = ak_key_get_expires_at (AK_KEY ((gpointer) b));

  /* A key that never expires sorts after every date. */
  if (ea == NULL && eb == NULL)
    return GTK_ORDERING_EQUAL;
  if (ea == NULL)
    return GTK_ORDERING_LARGER;
  if (eb == NULL)
    return GTK_ORDERING_SMALLER;

  return gtk_ordering_from_cmpfunc (g_date_time_compare (ea, eb));
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  Field field = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);

  /* The kind of key is a short, fixed phrase, and a date is read whole or
   * not at all: cutting either would only hide it. */
  if (field != FIELD_KIND && field != FIELD_EXPIRES)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  /* A long kind ("Application credential", longer in most languages) goes
   * on two lines, as the name and description beside it do, rather than
   * taking their room. */
  if (field == FIELD_KIND)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
    }

  if (field == FIELD_ID)
    {
      /* People find a key by comparing its ID with the one in their
       * script or console, so Keystone's 32-character IDs are shown whole;
       * a longer one keeps both ends in sight. The label is not
       * selectable: a click on it selects its row, a right-click opens the
       * row's menu, whose Copy ID copies it whole. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_width_chars (GTK_LABEL (label), 32);
      gtk_widget_add_css_class (label, "monospace");
    }

  gtk_list_item_set_child (item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Field field = GPOINTER_TO_INT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  AkKey *key = gtk_list_item_get_item (item);

  switch (field)
    {
    case FIELD_ID:
      gtk_label_set_text (label, ak_key_get_id (key));
      break;

    case FIELD_KIND:
      gtk_label_set_text (label, ak_key_get_kind_label (key));
      break;

    case FIELD_OWNER:
      gtk_label_set_text (label, ak_key_get_owner (key));
      break;

    case FIELD_PROJECT:
      gtk_label_set_text (label, ak_key_get_project (key));
      break;

    case FIELD_EXPIRES:
      {
        g_autofree char *text = format_expiry (ak_key_get_expires_at (key));
        g_autofree char *tooltip = format_expiry_tooltip (ak_key_get_expires_at (key));

        gtk_label_set_text (label, text);
        _ak_cell_set_tooltip (GTK_WIDGET (label), tooltip);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *description = gtk_label_new (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (description), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), description);

  gtk_list_item_set_child (item, box);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *description = gtk_widget_get_next_sibling (name);
  AkKey *key = gtk_list_item_get_item (item);
  const char *name_text = ak_key_get_name (key);
  const char *description_text = ak_key_get_description (key);

  gtk_label_set_text (GTK_LABEL (name), name_text);
  gtk_widget_set_visible (name, name_text != NULL && *name_text != '\0');
  gtk_label_set_text (GTK_LABEL (description), description_text);
  gtk_widget_set_visible (description, description_text != NULL && *description_text != '\0');
}

/* The narrow window's one column: the name or ID on the first line, the kind
 * and owner below. Both lines give up their width rather than take it: at
 * 360 px the row's menu must stay in sight, not scroll away. */
static void
key_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), caption);

  gtk_list_item_set_child (item, box);
}

static void
key_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *caption = gtk_widget_get_next_sibling (title);
  AkKey *key = gtk_list_item_get_item (item);
  const char *owner = ak_key_get_owner (key);
  gboolean named = key_has_name (key);
  g_autofree char *caption_text = NULL;

  /* An ID keeps both ends in sight, as in the wide table's ID column. */
  gtk_label_set_text (GTK_LABEL (title), named ? ak_key_get_name (key) : ak_key_get_id (key));
  gtk_label_set_ellipsize (GTK_LABEL (title),
                           named ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_MIDDLE);
  if (named)
    gtk_widget_remove_css_class (title, "monospace");
  else
    gtk_widget_add_css_class (title, "monospace");

  if (owner != NULL && *owner != '\0')
    /* Translators: below a key's name in the list of a narrow window: the
     * first %s is the kind of key, the second its owner, as in
     * "Application credential · alice". */
    caption_text = g_strdup_printf (C_("key kind and owner", "%s · %s"),
                                    ak_key_get_kind_label (key), owner);
  else
    caption_text = g_strdup (ak_key_get_kind_label (key));
  gtk_label_set_text (GTK_LABEL (caption), caption_text);
}

static void
actions_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, ak_key_row_actions_new ());
}

static void
actions_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  AkKey *key = gtk_list_item_get_item (item);

  ak_key_row_actions_set_key (AK_KEY_ROW_ACTIONS (gtk_list_item_get_child (item)), key);
  /* Every row has this cell: the row is named by its key, as the list
   * shows it. */
  _ak_column_view_cell_name_row (gtk_list_item_get_child (item),
                                 key_has_name (key) ? ak_key_get_name (key) : ak_key_get_id (key));
}

static void
actions_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  ak_key_row_actions_set_key (AK_KEY_ROW_ACTIONS (gtk_list_item_get_child (item)), NULL);
  _ak_column_view_cell_name_row (gtk_list_item_get_child (item), NULL);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  AkKeyList      *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (check), "ak-list-item");
  AkKey *key = item != NULL ? gtk_list_item_get_item (item) : NULL;

  if (key != NULL)
    ak_key_choice_set_chosen (self->choice, key, gtk_check_button_get_active (check));
}

static void
sync_check (AkKeyList      *self,
            GtkCheckButton *check)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (check), "ak-list-item");
  AkKey *key = gtk_list_item_get_item (item);

  if (key == NULL)
    return;

  g_signal_handlers_block_by_func (check, check_toggled_cb, self);
  gtk_check_button_set_active (check, ak_key_choice_get_chosen (self->choice, key));
  g_signal_handlers_unblock_by_func (check, check_toggled_cb, self);
}

static void
sync_checks_under (AkKeyList *self,
                   GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child) && g_object_get_data (G_OBJECT (child), "ak-list-item"))
        sync_check (self, GTK_CHECK_BUTTON (child));
      else
        sync_checks_under (self, child);
    }
}

/* The check boxes on screen follow the choice: only the rows shown have
 * one, and the others get theirs right as they are bound. */
static void
choice_changed_cb (AkKeyList   *self,
                   AkKeyChoice *choice)
{
  if (self->selection_mode && self->column_view != NULL)
    sync_checks_under (self, GTK_WIDGET (self->column_view));
}

static void
check_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AkKeyList                *self)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* The row keeps the focus, and Space on it ticks it: the list stays one
   * Tab stop, and the arrows move from row to row, not into the boxes. */
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_focus_on_click (check, FALSE);
  g_object_set_data (G_OBJECT (check), "ak-list-item", item);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  gtk_list_item_set_child (item, check);
}

static void
check_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AkKeyList                *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  AkKey *key = gtk_list_item_get_item (item);
  const char *name = ak_key_get_name (key);
  g_autofree char *label = NULL;

  if (name != NULL && *name != '\0')
    /* Translators: the accessible name of a key's check box in selection
     * mode, which a screen reader says; %s is the key's name. */
    label = g_strdup_printf (_("Select %s"), name);
  else if (ak_key_get_kind (key) == AK_KEY_KIND_APPLICATION_CREDENTIAL)
    /* Translators: the accessible name of a key's check box in selection
     * mode; %s is the application credential's ID. */
    label = g_strdup_printf (_("Select application credential %s"), ak_key_get_id (key));
  else
    /* Translators: the accessible name of a key's check box in selection
     * mode; %s is the access key's ID. */
    label = g_strdup_printf (_("Select access key %s"), ak_key_get_id (key));

  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  sync_check (self, GTK_CHECK_BUTTON (check));
}

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (item, ak_key_status_cell_new ());
}

static void
status_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  ak_key_status_cell_set_key (AK_KEY_STATUS_CELL (gtk_list_item_get_child (item)),
                         gtk_list_item_get_item (item));
}

static void
status_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  ak_key_status_cell_set_key (AK_KEY_STATUS_CELL (gtk_list_item_get_child (item)), NULL);
}

/* By severity: the most important flag first, then the key with more
 * flags; keys with none last. */
static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  AkKeyFlags fa = ak_key_get_flags (AK_KEY ((gpointer) a));
  AkKeyFlags fb = ak_key_get_flags (AK_KEY ((gpointer) b));
  guint ra = ak_key_status_cell_rank (fa);
  guint rb = ak_key_status_cell_rank (fb);

  if (ra != rb)
    return ra < rb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  return gtk_ordering_from_cmpfunc ((int) ak_key_status_cell_count_flags (fb) -
                                    (int) ak_key_status_cell_count_flags (fa));
}

static void
set_label_column (GtkColumnViewColumn *column,
                  Field                field,
                  GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GINT_TO_POINTER (field));
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), GINT_TO_POINTER (field));
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

/* The text a column sorts by. */
static const char *
sort_text (AkKey *key,
           Field  field)
{
  const char *text = NULL;

  switch (field)
    {
    case FIELD_ID:
      text = ak_key_get_id (key);
      break;

    case FIELD_KIND:
      text = ak_key_get_kind_label (key);
      break;

    case FIELD_OWNER:
      text = ak_key_get_owner (key);
      break;

    case FIELD_PROJECT:
      text = ak_key_get_project (key);
      break;

    case FIELD_NAME:
      text = ak_key_get_name (key);
      break;

    case FIELD_KEY:
      text = key_has_name (key) ? ak_key_get_name (key) : ak_key_get_id (key);
      break;

    case FIELD_EXPIRES:
    default:
      g_assert_not_reached ();
    }

  /* A key without a name sorts as one with an empty name. */
  return text != NULL ? text : "";
}

/* What GtkStringSorter compares, ignoring case: the collation key of the
 * case-folded text. Made once per text, then looked up. */
static const char *
collation_key (GHashTable *collation_keys,
               const char *text)
{
  g_autofree char *folded = NULL;
  char *key;

  key = g_hash_table_lookup (collation_keys, text);
  if (key != NULL)
    return key;

  folded = g_utf8_casefold (text, -1);
  key = g_utf8_collate_key (folded, -1);
  g_hash_table_insert (collation_keys, g_strdup (text), key);

  return key;
}

/* A text column's sorter: the column and where its keys are kept. */
typedef struct
{
  GHashTable *collation_keys;
  Field       field;
} TextSort;

static void
text_sort_free (gpointer data)
{
  TextSort *sort = data;

  g_hash_table_unref (sort->collation_keys);
  g_free (sort);
}

static int
compare_text (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  TextSort *sort = user_data;
  const char *text_a = sort_text (AK_KEY ((gpointer) a), sort->field);
  const char *text_b = sort_text (AK_KEY ((gpointer) b), sort->field);

  /* An ID is the server's string of hex digits (or a UUID), not a word:
   * its order is the order of its bytes, in every language, and the list's
   * default order needs no collation key at all. */
  if (sort->field == FIELD_ID)
    return gtk_ordering_from_cmpfunc (strcmp (text_a, text_b));

  /* The same text has the same key: no need to look either up. */
  if (strcmp (text_a, text_b) == 0)
    return GTK_ORDERING_EQUAL;

  return gtk_ordering_from_cmpfunc (strcmp (collation_key (sort->collation_keys, text_a),
                                            collation_key (sort->collation_keys, text_b)));
}

static GtkSorter *
text_sorter (AkKeyList *self,
             Field      field)
{
  TextSort *sort = g_new0 (TextSort, 1);

  sort->collation_keys = g_hash_table_ref (self->collation_keys);
  sort->field = field;

  return GTK_SORTER (gtk_custom_sorter_new (compare_text, sort, text_sort_free));
}

/* The wide table's columns, or the narrow window's Key column; the actions
 * column is in both. */
static void
update_columns (AkKeyList *self)
{
  gboolean wide = !self->narrow;

  gtk_column_view_column_set_visible (self->id_column, wide);
  gtk_column_view_column_set_visible (self->kind_column, wide);
  gtk_column_view_column_set_visible (self->owner_column, wide);
  gtk_column_view_column_set_visible (self->project_column, wide);
  gtk_column_view_column_set_visible (self->name_column, wide);
  /* Status takes room only when it has something to say. */
  gtk_column_view_column_set_visible (self->status_column,
                                      wide &&
                                      ak_key_filter_get_n_needs_attention (self->key_filter) > 0);
  gtk_column_view_column_set_visible (self->expires_column, wide && self->show_expiry);
  gtk_column_view_column_set_visible (self->key_column, self->narrow);
}

static void
update_count (AkKeyList *self)
{
  guint total = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gboolean filtered = ak_key_filter_get_active (self->key_filter);
  g_autofree char *text = NULL;

  if (filtered)
    /* Translators: below the list of keys while filters are on (Needs
     * Attention, a type, an owner, a project); the first %u is how many
     * keys are shown, the second how many there are. */
    text = g_strdup_printf (ngettext ("%u of %u key shown by the filters",
                                      "%u of %u keys shown by the filters", total),
                            shown, total);
  else if (shown == total)
    /* Translators: below the list of keys; %u is how many there are. */
    text = g_strdup_printf (ngettext ("%u key", "%u keys", total), total);
  else
    /* Translators: below the list of keys while searching; the first %u is
     * how many keys match the search, the second how many there are. */
    text = g_strdup_printf (ngettext ("%u of %u key", "%u of %u keys", total), shown, total);

  gtk_label_set_text (self->count_label, text);

  /* Nothing shown: say why, and offer the way back. */
  if (filtered)
    {
      adw_status_page_set_title (self->no_results_page, _("No Keys Match the Filters"));
      adw_status_page_set_description (self->no_results_page,
                                       _("No key matches every filter chosen. Clear "
                                         "the filters to see all the keys again."));
    }
  else
    {
      adw_status_page_set_title (self->no_results_page, _("No Matching Keys"));
      adw_status_page_set_description (self->no_results_page,
                                       _("No key has this ID, owner, project or name. "
                                         "Try other words."));
    }
  gtk_widget_set_visible (self->clear_filters_button, filtered);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown == 0 && total > 0 ? "no-results" : "list");
}

static void
filter_items_changed_cb (AkKeyList  *self,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GListModel *model)
{
  update_count (self);
}

static void update_filter_bar (AkKeyList *self);

static void
model_items_changed_cb (AkKeyList  *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  /* Keys that leave the list take their texts' collation keys with them;
   * the texts of the keys that stay are folded again at the next sort. */
  if (removed > 0)
    g_hash_table_remove_all (self->collation_keys);

  /* The keys name the owner and project the filters were set to by ID. */
  update_filter_bar (self);
  update_count (self);
}

/* The name of the owner or project with @id, as a key of theirs says. */
static const char *
name_for_id (AkKeyList  *self,
             const char *id,
             gboolean    owner)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (self->model, i);
      const char *name;

      if (g_strcmp0 (owner ? ak_key_get_user_id (key) : ak_key_get_project_id (key), id) != 0)
        continue;
      name = owner ? ak_key_get_user_name (key) : ak_key_get_project_name (key);
      if (name != NULL && *name != '\0')
        return name;
    }

  return id;
}

/* The bar below the search that says which filters hide keys. */
static void
update_filter_bar (AkKeyList *self)
{
  AkKeyFilter *filter = self->key_filter;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *kind = ak_key_filter_get_kind (filter);
  const char *owner = ak_key_filter_get_owner (filter);
  const char *project = ak_key_filter_get_project (filter);
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->filter_bar, ak_key_filter_get_active (filter));
  if (!ak_key_filter_get_active (filter))
    return;

  if (ak_key_filter_get_needs_attention (filter))
    g_ptr_array_add (parts, g_strdup (_("Needs attention")));
  if (g_str_equal (kind, "ec2"))
    /* Translators: in the bar that lists the filters that are on: only
     * access keys (the kind of key, not all keys) are shown. */
    g_ptr_array_add (parts, g_strdup (C_("kind of key", "Access keys")));
  else if (g_str_equal (kind, "application-credential"))
    g_ptr_array_add (parts, g_strdup (_("Application credentials")));
  if (*owner != '\0')
    /* Translators: in the bar that lists the filters that are on; %s is
     * the name of the owner whose keys are shown. */
    g_ptr_array_add (parts, g_strdup_printf (_("Owner %s"), name_for_id (self, owner, TRUE)));
  if (*project != '\0')
    /* Translators: in the bar that lists the filters that are on; %s is
     * the name of the project whose keys are shown. */
    g_ptr_array_add (parts, g_strdup_printf (_("Project %s"),
                                             name_for_id (self, project, FALSE)));
  g_ptr_array_add (parts, NULL);

  /* Translators: what joins the filters that are on, as in "Needs
   * attention · Access keys · Owner alice". */
  list = g_strjoinv (C_("filters", " · "), (char **) parts->pdata);
  /* Translators: the bar below the search while filters hide keys; %s
   * lists the filters, as in "Needs attention · Owner alice". */
  text = g_strdup_printf (_("Filtered: %s"), list);
  gtk_label_set_text (self->filter_label, text);
}

static void
filter_notify_cb (AkKeyList   *self,
                  GParamSpec  *pspec,
                  AkKeyFilter *filter)
{
  /* The list goes while it lets go of its keys. */
  if (self->filter_bar == NULL)
    return;

  if (pspec->name == g_intern_static_string ("n-needs-attention"))
    {
      update_columns (self);
      return;
    }

  update_filter_bar (self);
  update_count (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ak_key_filter_clear (AK_KEY_LIST (widget)->key_filter);
}

static void
search_changed_cb (AkKeyList      *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  ak_key_search_set_text (self->filter, text);
  update_count (self);
}

static GtkColumnViewColumn *
sort_column_at (AkKeyList *self,
                guint      i)
{
  return G_STRUCT_MEMBER (GtkColumnViewColumn *, self, sort_columns[i].offset);
}

static void
set_sort_state (AkKeyList  *self,
                const char *column,
                gboolean    descending)
{
  if (g_strcmp0 (self->sort_column, column) != 0)
    {
      self->sort_column = column;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SORT_COLUMN]);
    }
  if (self->sort_descending != descending)
    {
      self->sort_descending = descending;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SORT_DESCENDING]);
    }
}

static void
sort_changed_cb (AkKeyList       *self,
                 GtkSorterChange  change,
                 GtkSorter       *sorter)
{
  /* Columns going away as the list is disposed change the sort too. */
  if (self->column_view == NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  /* A click on a column title: the Sort menu shows it. GTK 4.8 cannot say
   * which column the view sorts by; there the menu shows what it last set. */
  {
    GtkColumnViewColumn *primary =
      gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));

    for (guint i = 0; i < G_N_ELEMENTS (sort_columns); i++)
      if (primary == sort_column_at (self, i))
        set_sort_state (self, sort_columns[i].id,
                        gtk_column_view_sorter_get_primary_sort_order (
                          GTK_COLUMN_VIEW_SORTER (sorter)) == GTK_SORT_DESCENDING);
  }
#endif

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    return;

  /* A new order starts at its top. Left alone, GTK keeps the row that was
   * at the top in sight, wherever the new order puts it. */
#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_column_view_scroll_to (self->column_view, 0, NULL, GTK_LIST_SCROLL_NONE, NULL);
#else
  /* GTK 4.8 has no gtk_column_view_scroll_to(); the rows' own list view has
   * the action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
#endif
}

/* The list view that holds the rows, below the column titles. */
static GtkWidget *
rows_view (AkKeyList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

/* The row @widget is in (one of its cells, its menu), or %NULL. */
static GtkWidget *
row_for_widget (AkKeyList *self,
                GtkWidget *widget)
{
  GtkWidget *rows = rows_view (self);

  if (rows == NULL)
    return NULL;

  for (; widget != NULL && widget != rows; widget = gtk_widget_get_parent (widget))
    if (gtk_widget_get_parent (widget) == rows)
      return widget;

  return NULL;
}

/* The row's last cell, which owns the row's key. */
static AkKeyRowActions *
row_cell (GtkWidget *widget)
{
  if (AK_IS_KEY_ROW_ACTIONS (widget))
    return AK_KEY_ROW_ACTIONS (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AkKeyRowActions *cell = row_cell (child);

      if (cell != NULL)
        return cell;
    }

  return NULL;
}

static GtkWidget *
focus_widget (AkKeyList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

/* The cell of the row the focus is in, if it is in one. */
static AkKeyRowActions *
focused_cell (AkKeyList *self)
{
  GtkWidget *focus = focus_widget (self);
  GtkWidget *row = focus != NULL ? row_for_widget (self, focus) : NULL;
  AkKeyRowActions *cell = row != NULL ? row_cell (row) : NULL;

  return cell != NULL && ak_key_row_actions_get_key (cell) != NULL ? cell : NULL;
}

/* Whether the focus is nowhere a person would put it: gone with its row,
 * or handed by GTK to the list's own containers (the list view, the page
 * that says nothing matches) when the row it was in went. */
static gboolean
focus_is_lost (AkKeyList *self,
               GtkWidget *focus)
{
  GtkWidget *stack = GTK_WIDGET (self->list_stack);

  if (focus == NULL)
    return TRUE;

  return (focus == stack || gtk_widget_is_ancestor (focus, stack)) &&
         row_for_widget (self, focus) == NULL;
}

static gboolean
same_key (AkKey *a,
          AkKey *b)
{
  return ak_key_get_kind (a) == ak_key_get_kind (b) &&
         g_strcmp0 (ak_key_get_id (a), ak_key_get_id (b)) == 0;
}

/* Where the rows, in the sort's order, show @key: halving the rows, as a
 * list of 50,000 keys would take 50,000 looks one by one. The order is the
 * keys' when they were sorted, and a key's owner, project or flags may
 * have changed since (the server's lookups come later), as may those of a
 * key that a refresh brought anew: GTK_INVALID_LIST_POSITION then says
 * only that it is not where the order puts it now. */
static guint
find_key_in_order (AkKeyList *self,
                   AkKey     *key)
{
  GListModel *rows = G_LIST_MODEL (self->filter_model);
  GtkSorter *order = gtk_sort_list_model_get_sorter (self->sort_model);
  guint n = g_list_model_get_n_items (rows);
  guint low = 0;
  guint high = n;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(AkKey) shown = g_list_model_get_item (rows, middle);

      if (gtk_sorter_compare (order, shown, key) == GTK_ORDERING_SMALLER)
        low = middle + 1;
      else
        high = middle;
    }

  /* The first row not before @key; keys the order cannot tell from it
   * follow. */
  for (guint i = low; i < n; i++)
    {
      g_autoptr(AkKey) shown = g_list_model_get_item (rows, i);

      if (shown == key || same_key (shown, key))
        return i;
      if (gtk_sorter_compare (order, shown, key) != GTK_ORDERING_EQUAL)
        break;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Where the list shows the key with @key's identity (a refresh brings new
 * objects for the same keys), or GTK_INVALID_LIST_POSITION. */
static guint
find_key (AkKeyList *self,
          AkKey     *key)
{
  GListModel *rows = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (rows);
  guint position;

  /* The key's position is a row's: let every row through to the view. */
  ak_row_reveal_all (self->reveal);

  position = find_key_in_order (self, key);
  if (position != GTK_INVALID_LIST_POSITION)
    return position;

  /* Not where the order says: look at every row. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AkKey) shown = g_list_model_get_item (rows, i);

      if (shown == key || same_key (shown, key))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Moves the focus to the row at @position, which becomes the selected one. */
static void
focus_position (AkKeyList *self,
                guint      position)
{
  ak_row_reveal_all (self->reveal);

#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_column_view_scroll_to (self->column_view, position, NULL,
                             GTK_LIST_SCROLL_FOCUS | GTK_LIST_SCROLL_SELECT, NULL);

  /* GTK moves the focus there only when it is in the list already; from
   * elsewhere (the search entry, a row that went), the list takes it to the
   * row it now tracks. */
  if (!(gtk_widget_get_state_flags (GTK_WIDGET (self->column_view)) &
        GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
#else
  /* GTK 4.8's list view focuses the row it last scrolled to. */
  gtk_widget_activate_action (rows_view (self), "list.scroll-to-item", "u", position);
  gtk_widget_grab_focus (rows_view (self));
#endif

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

/* Selection follows focus: the row with @key becomes the selected one. */
static void
select_key (AkKeyList *self,
            AkKey     *key)
{
  guint position;

  g_set_object (&self->focus_key, key);

  if (gtk_single_selection_get_selected_item (self->selection) == (gpointer) key)
    {
      self->focus_position = gtk_single_selection_get_selected (self->selection);
      return;
    }

  position = find_key (self, key);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  self->focus_position = position;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

static gboolean
restore_focus_cb (gpointer user_data)
{
  AkKeyList *self = AK_KEY_LIST (user_data);
  AkKeyRowActions *cell = focused_cell (self);
  GtkWidget *focus = focus_widget (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint position;

  self->restore_focus_source = 0;

  if (!self->focus_in_rows || self->focus_key == NULL || self->window == NULL)
    return G_SOURCE_REMOVE;

  /* The focus went somewhere else meanwhile, on purpose. */
  if (cell == NULL && !focus_is_lost (self, focus))
    {
      self->focus_in_rows = FALSE;
      return G_SOURCE_REMOVE;
    }

  /* The same key, or the one that took the place of the key that went, or
   * the one before when that was the last. */
  position = find_key (self, self->focus_key);
  if (position == GTK_INVALID_LIST_POSITION && n > 0)
    position = MIN (self->focus_position, n - 1);

  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(AkKey) key = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

      if (cell != NULL && ak_key_row_actions_get_key (cell) == key)
        select_key (self, key);
      else
        focus_position (self, position);
    }
  else if (self->search_mode_enabled)
    {
      /* The list is empty: the search found nothing more. */
      self->focus_in_rows = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else
    {
      /* No key left at all: the window shows what to do next. */
      self->focus_in_rows = FALSE;
      gtk_window_set_focus (self->window, NULL);
      gtk_widget_child_focus (GTK_WIDGET (self->window), GTK_DIR_TAB_FORWARD);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_restore_focus (AkKeyList *self)
{
  /* After GTK has settled its rows, and the window its page. */
  if (self->restore_focus_source == 0)
    self->restore_focus_source = g_idle_add (restore_focus_cb, self);
}

static void
focus_changed_cb (AkKeyList  *self,
                  GParamSpec *pspec,
                  GtkWindow  *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  AkKeyRowActions *cell;

  /* The focused row went (its key deleted, the list refreshed) or its menu
   * closed: the focus must not be lost. */
  if (focus_is_lost (self, focus))
    {
      if (self->focus_in_rows)
        schedule_restore_focus (self);
      return;
    }

  cell = focused_cell (self);
  if (cell == NULL)
    {
      self->focus_in_rows = FALSE;
      return;
    }

  self->focus_in_rows = TRUE;
  select_key (self, ak_key_row_actions_get_key (cell));
}

static void
rows_changed_cb (AkKeyList  *self,
                 guint       position,
                 guint       removed,
                 guint       added,
                 GListModel *model)
{
  guint now;

  if (!self->focus_in_rows || self->focus_key == NULL)
    return;

  /* Where the focused key is now; if it went, the row that takes its place
   * gets the focus. */
  now = find_key (self, self->focus_key);
  self->focus_position = now != GTK_INVALID_LIST_POSITION ? now : position;
  schedule_restore_focus (self);
}

/* The key the Delete key and the context menu act on: the focused row's,
 * or the selected one's when the focus is in no row. */
static AkKey *
target_key (AkKeyList *self)
{
  AkKeyRowActions *cell = focused_cell (self);

  if (cell != NULL)
    return ak_key_row_actions_get_key (cell);

  return ak_key_list_get_selected_key (self);
}

static gboolean
delete_focused_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  AkKeyList *self = AK_KEY_LIST (user_data);
  AkKey *key = target_key (self);

  /* In selection mode, with keys ticked, Delete asks about those, as the
   * action bar's button does. */
  if (self->selection_mode && ak_key_choice_get_n_chosen (self->choice) > 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-selected", NULL);
      return TRUE;
    }

  if (key == NULL)
    return FALSE;

  /* The same way the row's own menu goes: by the key's identity. The
   * window ignores it while a delete of that key runs. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-key", "(us)",
                              (guint32) ak_key_get_kind (key), ak_key_get_id (key));

  return TRUE;
}

static gboolean
menu_focused_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  AkKeyList *self = AK_KEY_LIST (user_data);
  AkKeyRowActions *cell = focused_cell (self);

  if (cell == NULL)
    return FALSE;

  /* At the row's own button, where the menu is seen to belong. */
  ak_key_row_actions_popup_menu (cell, NULL);

  return TRUE;
}

/* Space, in selection mode: ticks the focused row, or unticks it. */
static gboolean
toggle_focused_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  AkKeyList *self = AK_KEY_LIST (user_data);
  GtkWidget *focus = focus_widget (self);
  AkKeyRowActions *cell = focused_cell (self);
  AkKey *key;

  /* Only on the row itself: a check box or a button in it has Space for
   * itself, and so has the row's menu. */
  if (!self->selection_mode || cell == NULL || focus == NULL ||
      GTK_IS_BUTTON (focus) || GTK_IS_CHECK_BUTTON (focus) ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL ||
      (key = ak_key_row_actions_get_key (cell)) == NULL)
    return FALSE;

  ak_key_choice_set_chosen (self->choice, key, !ak_key_choice_get_chosen (self->choice, key));

  return TRUE;
}

static gboolean
choose_all_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  AkKeyList *self = AK_KEY_LIST (user_data);

  if (!self->selection_mode)
    return FALSE;

  ak_key_list_choose_all (self);

  return TRUE;
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  AkKeyList *self = AK_KEY_LIST (user_data);

  /* The search entry closes the search itself; in the list, this does.
   * Then Escape leaves selection mode. */
  if (self->search_mode_enabled)
    ak_key_list_set_search_mode_enabled (self, FALSE);
  else if (self->selection_mode)
    ak_key_list_set_selection_mode (self, FALSE);
  else
    return FALSE;

  return TRUE;
}

static void
search_activate_cb (AkKeyList      *self,
                    GtkSearchEntry *entry)
{
  /* Enter: to the first key found, without waiting for the search delay. */
  search_changed_cb (self, entry);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    focus_position (self, 0);
}

/* The row under a point of the column view, focused, and its cell. */
static AkKeyRowActions *
focus_row_at (AkKeyList *self,
              double     x,
              double     y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked != NULL ? row_for_widget (self, picked) : NULL;
  AkKeyRowActions *cell = row != NULL ? row_cell (row) : NULL;
  GtkWidget *focus;

  if (cell == NULL || ak_key_row_actions_get_key (cell) == NULL)
    return NULL;

  focus = focus_widget (self);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, row))
    gtk_widget_grab_focus (row);

  return cell;
}

static void
show_context_menu (AkKeyList *self,
                   double     x,
                   double     y)
{
  AkKeyRowActions *cell = focus_row_at (self, x, y);
  graphene_point_t point;

  if (cell == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self->column_view), GTK_WIDGET (cell),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  ak_key_row_actions_popup_menu (cell, &point);
}

static void
primary_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    AkKeyList       *self)
{
  /* A click anywhere in a row, its menu button too, makes it the row the
   * keyboard acts on; the click itself goes on as usual. */
  focus_row_at (self, x, y);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      AkKeyList       *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_context_menu (self, x, y);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 AkKeyList           *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_context_menu (self, x, y);
}

/* An arrow up or down from outside the list (the search entry) goes to a
 * row. GTK 4.8's rows take the focus themselves. From GTK 4.12 on a row
 * takes none from a move up or down (within the list, GTK's own arrow keys
 * move it from row to row), so the scrolled window around the rows gets
 * it; the list moves it on to the row. */
static gboolean
focus_vertically (AkKeyList        *self,
                  GtkDirectionType  direction)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint position;

  if (!GTK_WIDGET_CLASS (ak_key_list_parent_class)->focus (GTK_WIDGET (self), direction))
    return FALSE;

  if (n > 0 && focused_cell (self) == NULL && focus_is_lost (self, focus_widget (self)))
    {
      /* At the selected row, which is the one the focus was in last, or
       * at the first. */
      position = gtk_single_selection_get_selected (self->selection);
      focus_position (self, position < n ? position : 0);
    }

  return TRUE;
}

static gboolean
ak_key_list_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  AkKeyList *self = AK_KEY_LIST (widget);

  /* Tab leaves the list from any row, whichever it is: the arrows move
   * between rows, and a list of 300 keys is one Tab stop, not 300. */
  if ((direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD) &&
      focused_cell (self) != NULL)
    {
      if (direction == GTK_DIR_TAB_BACKWARD && self->search_mode_enabled &&
          gtk_widget_child_focus (GTK_WIDGET (self->search_bar), direction))
        return TRUE;

      return FALSE;
    }

  if (direction == GTK_DIR_UP || direction == GTK_DIR_DOWN)
    return focus_vertically (self, direction);

  return GTK_WIDGET_CLASS (ak_key_list_parent_class)->focus (widget, direction);
}

static void
ak_key_list_root (GtkWidget *widget)
{
  AkKeyList *self = AK_KEY_LIST (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (ak_key_list_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      g_set_weak_pointer (&self->window, GTK_WINDOW (root));
      self->focus_handler = g_signal_connect_object (root, "notify::focus-widget",
                                                     G_CALLBACK (focus_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
    }
}

static void
ak_key_list_unroot (GtkWidget *widget)
{
  AkKeyList *self = AK_KEY_LIST (widget);

  if (self->window != NULL)
    g_clear_signal_handler (&self->focus_handler, self->window);
  g_clear_weak_pointer (&self->window);
  g_clear_handle_id (&self->restore_focus_source, g_source_remove);
  self->focus_in_rows = FALSE;

  GTK_WIDGET_CLASS (ak_key_list_parent_class)->unroot (widget);
}

static void
ak_key_list_dispose (GObject *object)
{
  AkKeyList *self = AK_KEY_LIST (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->model_changed_handler, self->model);
  /* The columns going away with the template sort the keys again, and the
   * count it labels is gone by then. */
  g_clear_signal_handler (&self->filter_changed_handler, self->filter_model);
  g_clear_handle_id (&self->restore_focus_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_KEY_LIST);

  g_clear_object (&self->choice);
  g_clear_object (&self->selection);
  g_clear_object (&self->reveal);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  if (self->key_filter != NULL)
    ak_key_filter_set_keys (self->key_filter, NULL);
  g_clear_object (&self->key_filter);
  g_clear_object (&self->model);
  g_clear_object (&self->focus_key);

  G_OBJECT_CLASS (ak_key_list_parent_class)->dispose (object);
}

static void
ak_key_list_finalize (GObject *object)
{
  AkKeyList *self = AK_KEY_LIST (object);

  g_clear_pointer (&self->collation_keys, g_hash_table_unref);

  G_OBJECT_CLASS (ak_key_list_parent_class)->finalize (object);
}

static void
ak_key_list_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AkKeyList *self = AK_KEY_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_SHOW_EXPIRY:
      g_value_set_boolean (value, ak_key_list_get_show_expiry (self));
      break;

    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, self->search_mode_enabled);
      break;

    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    case PROP_SORT_COLUMN:
      g_value_set_string (value, self->sort_column);
      break;

    case PROP_SELECTED_KEY:
      g_value_set_object (value, ak_key_list_get_selected_key (self));
      break;

    case PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->sort_descending);
      break;

    case PROP_FILTER:
      g_value_set_object (value, self->key_filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_list_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AkKeyList *self = AK_KEY_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ak_key_list_set_model (self, g_value_get_object (value));
      break;

    case PROP_SHOW_EXPIRY:
      ak_key_list_set_show_expiry (self, g_value_get_boolean (value));
      break;

    case PROP_SEARCH_MODE_ENABLED:
      ak_key_list_set_search_mode_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_SELECTION_MODE:
      ak_key_list_set_selection_mode (self, g_value_get_boolean (value));
      break;

    case PROP_NARROW:
      ak_key_list_set_narrow (self, g_value_get_boolean (value));
      break;

    case PROP_SORT_COLUMN:
      ak_key_list_sort_by (self, g_value_get_string (value), self->sort_descending);
      break;

    case PROP_SORT_DESCENDING:
      ak_key_list_sort_by (self, self->sort_column, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
selected_item_cb (AkKeyList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_KEY]);
}

static void
ak_key_list_class_init (AkKeyListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_key_list_dispose;
  object_class->finalize = ak_key_list_finalize;
  object_class->get_property = ak_key_list_get_property;
  object_class->set_property = ak_key_list_set_property;

  widget_class->focus = ak_key_list_focus;
  widget_class->root = ak_key_list_root;
  widget_class->unroot = ak_key_list_unroot;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SHOW_EXPIRY] =
    g_param_spec_boolean ("show-expiry", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The key of the selected row, which follows the focus: what the
   * details pane shows. */
  properties [PROP_SELECTED_KEY] =
    g_param_spec_object ("selected-key", NULL, NULL,
                         AK_TYPE_KEY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What the keys are sorted by: what a click on a column title sets, for
   * the keyboard (GTK 4.8's column titles take no focus) and the Sort menu. */
  properties [PROP_SORT_COLUMN] =
    g_param_spec_string ("sort-column", NULL, NULL,
                         "id",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The Filter menu's choices, for the window's Filter button. */
  properties [PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         AK_TYPE_KEY_FILTER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "key-list.clear-filters", NULL,
                                   clear_filters_action);

  g_type_ensure (AK_TYPE_KEY);
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (AK_TYPE_KEY_FILTER_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/accesskeys/AccessKeys/"
                                               "ak-key-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, column_view);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, check_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, id_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, kind_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, owner_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, project_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, name_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, status_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, expires_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, key_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, actions_column);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, count_label);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, search_filter_button);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, bar_filter_button);
  gtk_widget_class_bind_template_child (widget_class, AkKeyList, filter_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "aklist");
}

static void
ak_key_list_init (AkKeyList *self)
{
  g_autoptr(GtkListItemFactory) name_factory = NULL;
  g_autoptr(GtkListItemFactory) key_factory = NULL;
  g_autoptr(GtkListItemFactory) actions_factory = NULL;
  g_autoptr(GtkListItemFactory) check_factory = NULL;
  g_autoptr(GtkListItemFactory) status_factory = NULL;
  GtkEveryFilter *filters;
  g_autoptr(GtkSorter) sorter = NULL;
  GtkMultiSorter *order;
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;
  GtkShortcut *shortcut;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));
  _ak_column_view_name_titles (self->column_view);

  self->collation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->show_expiry = TRUE;

  /* The columns' cells and sorters. */
  sorter = text_sorter (self, FIELD_ID);
  set_label_column (self->id_column, FIELD_ID, sorter);
  g_clear_object (&sorter);
  sorter = text_sorter (self, FIELD_KIND);
  set_label_column (self->kind_column, FIELD_KIND, sorter);
  g_clear_object (&sorter);
  sorter = text_sorter (self, FIELD_OWNER);
  set_label_column (self->owner_column, FIELD_OWNER, sorter);
  g_clear_object (&sorter);
  sorter = text_sorter (self, FIELD_PROJECT);
  set_label_column (self->project_column, FIELD_PROJECT, sorter);
  g_clear_object (&sorter);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_expiry, NULL, NULL));
  set_label_column (self->expires_column, FIELD_EXPIRES, sorter);
  g_clear_object (&sorter);

  status_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (status_factory, "setup", G_CALLBACK (status_setup_cb), NULL);
  g_signal_connect (status_factory, "bind", G_CALLBACK (status_bind_cb), NULL);
  g_signal_connect (status_factory, "unbind", G_CALLBACK (status_unbind_cb), NULL);
  gtk_column_view_column_set_factory (self->status_column, status_factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL));
  gtk_column_view_column_set_sorter (self->status_column, sorter);
  g_clear_object (&sorter);

  name_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (name_factory, "setup", G_CALLBACK (name_setup_cb), NULL);
  g_signal_connect (name_factory, "bind", G_CALLBACK (name_bind_cb), NULL);
  gtk_column_view_column_set_factory (self->name_column, name_factory);
  sorter = text_sorter (self, FIELD_NAME);
  gtk_column_view_column_set_sorter (self->name_column, sorter);
  g_clear_object (&sorter);

  key_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (key_factory, "setup", G_CALLBACK (key_setup_cb), NULL);
  g_signal_connect (key_factory, "bind", G_CALLBACK (key_bind_cb), NULL);
  gtk_column_view_column_set_factory (self->key_column, key_factory);
  sorter = text_sorter (self, FIELD_KEY);
  gtk_column_view_column_set_sorter (self->key_column, sorter);
  g_clear_object (&sorter);

  actions_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (actions_factory, "setup", G_CALLBACK (actions_setup_cb), NULL);
  g_signal_connect (actions_factory, "bind", G_CALLBACK (actions_bind_cb), NULL);
  g_signal_connect (actions_factory, "unbind", G_CALLBACK (actions_unbind_cb), NULL);
  gtk_column_view_column_set_factory (self->actions_column, actions_factory);

  /* Selection mode's check boxes, following the choice. */
  self->choice = ak_key_choice_new (NULL);
  g_signal_connect_object (self->choice, "changed",
                           G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
  check_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (check_factory, "setup", G_CALLBACK (check_setup_cb), self);
  g_signal_connect (check_factory, "bind", G_CALLBACK (check_bind_cb), self);
  gtk_column_view_column_set_factory (self->check_column, check_factory);

  /* keys → the column view's sort → the Filter menu's choices, then the
   * search → selection. The keys are sorted once, when they come and when
   * the order changes: a keystroke in the search only takes keys out of
   * that order or puts them back, and sorts nothing. The cheap checks go
   * first: a key they turn away is never searched. */
  order = gtk_multi_sorter_new ();
  /* The column the person picked, then the ID, so equal rows keep a stable
   * order across refreshes. */
  gtk_multi_sorter_append (order, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (order, text_sorter (self, FIELD_ID));
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (order));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->filter = ak_key_search_new ();
  self->key_filter = ak_key_filter_new ();
  g_signal_connect_object (self->key_filter, "notify",
                           G_CALLBACK (filter_notify_cb), self, G_CONNECT_SWAPPED);
  ak_key_filter_button_set_filter (self->search_filter_button, self->key_filter);
  ak_key_filter_button_set_filter (self->bar_filter_button, self->key_filter);
  filters = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (filters),
                           g_object_ref (GTK_FILTER (self->key_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filters), g_object_ref (GTK_FILTER (self->filter)));
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  GTK_FILTER (filters));
  self->filter_changed_handler =
    g_signal_connect_object (self->filter_model, "items-changed",
                             G_CALLBACK (filter_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* A long list arriving in an empty one shows a screenful first. */
  self->reveal = ak_row_reveal_new (GTK_WIDGET (self->column_view),
                                    G_LIST_MODEL (self->filter_model));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->reveal)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

#if GTK_CHECK_VERSION (4, 12, 0)
  /* Tab into the list goes back to the row the focus was in last, as in
   * GTK 4.8, not to the first row; Tab from a row leaves the list. */
  gtk_column_view_set_tab_behavior (self->column_view, GTK_LIST_TAB_ITEM);
#endif

  /* Keys listed by ID until the user picks another column. */
  self->sort_column = sort_columns[0].id;
  gtk_column_view_sort_by_column (self->column_view, self->id_column, GTK_SORT_ASCENDING);

  /* The Delete key asks to delete the focused row's key; the Menu key and
   * Shift+F10 open its menu. */
  controller = gtk_shortcut_controller_new ();
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0));
  shortcut = gtk_shortcut_new (trigger, gtk_callback_action_new (delete_focused_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                         gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK));
  shortcut = gtk_shortcut_new (trigger, gtk_callback_action_new (menu_focused_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);

  /* In selection mode, Space ticks the focused row. A row binds Space to
   * selecting itself, before any shortcut of the list's would see it, so
   * this one goes first. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Space, 0));
  shortcut = gtk_shortcut_new (trigger, gtk_callback_action_new (toggle_focused_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);

  /* A click in a row makes it the focused one before its cells see the
   * click; a right-click or a long press opens the row's menu there. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (primary_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (gesture));

  /* Escape closes the search wherever the focus is in the list, then
   * leaves selection mode; in selection mode Ctrl+A ticks every key shown
   * (in the search entry it selects the entry's text, as anywhere). */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_callback_action_new (escape_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK),
                               gtk_callback_action_new (choose_all_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Typing while the list has the focus starts a search. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_object_bind_property (self->search_bar, "search-mode-enabled",
                          self, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  update_columns (self);
  update_count (self);
}

GtkWidget *
ak_key_list_new (void)
{
  return g_object_new (AK_TYPE_KEY_LIST, NULL);
}

/**
 * ak_key_list_get_model:
 * @self: an #AkKeyList
 *
 * Returns: (transfer none) (nullable): the keys the list shows
 */
GListModel *
ak_key_list_get_model (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), NULL);

  return self->model;
}

/**
 * ak_key_list_set_model:
 * @self: an #AkKeyList
 * @model: (nullable): a #GListModel of #AkKey
 */
void
ak_key_list_set_model (AkKeyList  *self,
                       GListModel *model)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_clear_signal_handler (&self->model_changed_handler, self->model);
  g_set_object (&self->model, model);

  /* The total changes even when no matching row does. */
  if (model != NULL)
    self->model_changed_handler =
      g_signal_connect_object (model, "items-changed",
                               G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);

  g_hash_table_remove_all (self->collation_keys);
  ak_key_choice_set_keys (self->choice, model);
  ak_key_filter_set_keys (self->key_filter, model);
  gtk_sort_list_model_set_model (self->sort_model, model);
  update_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

gboolean
ak_key_list_get_show_expiry (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), FALSE);

  return self->show_expiry;
}

/**
 * ak_key_list_set_show_expiry:
 * @self: an #AkKeyList
 * @show_expiry: whether to show the Expires column, for providers whose keys
 *   expire
 */
void
ak_key_list_set_show_expiry (AkKeyList *self,
                             gboolean   show_expiry)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));

  show_expiry = !!show_expiry;
  if (show_expiry == ak_key_list_get_show_expiry (self))
    return;

  self->show_expiry = show_expiry;
  update_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_EXPIRY]);
}

gboolean
ak_key_list_get_narrow (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), FALSE);

  return self->narrow;
}

/**
 * ak_key_list_set_narrow:
 * @self: an #AkKeyList
 * @narrow: whether to show each key in one Key column, for a narrow window,
 *   in place of the table's columns
 *
 * The rows, their order, the selection and the focus stay as they are.
 */
void
ak_key_list_set_narrow (AkKeyList *self,
                        gboolean   narrow)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;

  self->narrow = narrow;
  update_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NARROW]);
}

gboolean
ak_key_list_get_search_mode_enabled (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), FALSE);

  return self->search_mode_enabled;
}

void
ak_key_list_set_search_mode_enabled (AkKeyList *self,
                                     gboolean   enabled)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));

  enabled = !!enabled;
  if (self->search_mode_enabled == enabled)
    return;

  self->search_mode_enabled = enabled;
  gtk_search_bar_set_search_mode (self->search_bar, enabled);

  /* A hidden search must not hide keys, not even for the entry's delay. */
  if (!enabled)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self, self->search_entry);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEARCH_MODE_ENABLED]);
}

const char *
ak_key_list_get_search_text (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/**
 * ak_key_list_set_search_text:
 * @self: an #AkKeyList
 * @text: (nullable): what to search for
 *
 * Shows the search bar with @text in it, and filters the list at once.
 */
void
ak_key_list_set_search_text (AkKeyList  *self,
                             const char *text)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));

  if (text != NULL && *text != '\0')
    ak_key_list_set_search_mode_enabled (self, TRUE);

  /* Replacing the text empties the entry for a moment, and an empty search
   * entry reports at once: every key would come back, sorted, only to be
   * filtered out again. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);

  /* Don't wait for the entry's search delay. */
  search_changed_cb (self, self->search_entry);
}

void
ak_key_list_focus_search (AkKeyList *self)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));

  ak_key_list_set_search_mode_enabled (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * ak_key_list_get_selected_key:
 * @self: an #AkKeyList
 *
 * Returns: (transfer none) (nullable): the key of the selected row
 */
AkKey *
ak_key_list_get_selected_key (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * ak_key_list_reveal_key:
 * @self: an #AkKeyList
 * @key: a key the list has, such as one just created
 *
 * Selects the row of @key (by its identity), scrolls to it and moves the
 * focus there. A search that hides it is cleared first, so that a new key is
 * always seen.
 *
 * Returns: whether the list shows @key now
 */
gboolean
ak_key_list_reveal_key (AkKeyList *self,
                        AkKey     *key)
{
  g_autoptr(AkKey) shown = NULL;
  guint position;

  g_return_val_if_fail (AK_IS_KEY_LIST (self), FALSE);
  g_return_val_if_fail (AK_IS_KEY (key), FALSE);

  position = find_key (self, key);
  if (position == GTK_INVALID_LIST_POSITION && *ak_key_list_get_search_text (self) != '\0')
    {
      ak_key_list_set_search_text (self, NULL);
      position = find_key (self, key);
    }

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  shown = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  g_set_object (&self->focus_key, shown);
  self->focus_position = position;
  focus_position (self, position);

  return TRUE;
}

/**
 * ak_key_list_get_n_shown:
 * @self: an #AkKeyList
 *
 * Returns: how many keys match the filters and the search
 */
guint
ak_key_list_get_n_shown (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

/**
 * ak_key_list_get_choice:
 * @self: an #AkKeyList
 *
 * Returns: (transfer none): the keys ticked in selection mode
 */
AkKeyChoice *
ak_key_list_get_choice (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), NULL);

  return self->choice;
}

gboolean
ak_key_list_get_selection_mode (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), FALSE);

  return self->selection_mode;
}

/**
 * ak_key_list_set_selection_mode:
 * @self: an #AkKeyList
 * @selection_mode: whether to show a check box on every row
 *
 * Leaving selection mode unticks every key.
 */
void
ak_key_list_set_selection_mode (AkKeyList *self,
                                gboolean   selection_mode)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  gtk_column_view_column_set_visible (self->check_column, selection_mode);
  if (!selection_mode)
    ak_key_choice_clear (self->choice);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTION_MODE]);
}

/**
 * ak_key_list_choose_all:
 * @self: an #AkKeyList
 *
 * Ticks every key the search shows.
 */
void
ak_key_list_choose_all (AkKeyList *self)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));

  ak_key_choice_choose_all (self->choice, G_LIST_MODEL (self->filter_model));
}

/**
 * ak_key_list_sort_by:
 * @self: a key list
 * @column: "id", "kind", "owner", "project", "name", "status" or "expires"
 * @descending: whether the last comes first
 *
 * Sorts the keys as a click on the column's title does.
 */
void
ak_key_list_sort_by (AkKeyList  *self,
                     const char *column,
                     gboolean    descending)
{
  g_return_if_fail (AK_IS_KEY_LIST (self));
  g_return_if_fail (column != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_columns); i++)
    if (g_str_equal (column, sort_columns[i].id))
      {
        set_sort_state (self, sort_columns[i].id, descending);
        gtk_column_view_sort_by_column (self->column_view, sort_column_at (self, i),
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        return;
      }

  g_critical ("%s: no column “%s” to sort by", G_STRFUNC, column);
}

/**
 * ak_key_list_get_filter:
 * @self: an #AkKeyList
 *
 * Returns: (transfer none): the Filter menu's choices
 */
AkKeyFilter *
ak_key_list_get_filter (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), NULL);

  return self->key_filter;
}

/**
 * ak_key_list_get_shown:
 * @self: an #AkKeyList
 *
 * Returns: (transfer none): the keys shown, after the filters and the
 *   search, in the order shown
 */
GListModel *
ak_key_list_get_shown (AkKeyList *self)
{
  g_return_val_if_fail (AK_IS_KEY_LIST (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}
