/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-status-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-key-status-cell.h"
#include "ak-ui-util-private.h"

/* A row's Status cell: the most important of the key's attention flags,
 * with a warning icon, and "+2" when it has more; the tooltip and the
 * accessible description give every flag's sentence. A key without flags
 * shows nothing, and most keys have none, so the cell's icon and labels are
 * made the first time a flagged key is bound to it, not for every row. The
 * cell follows the key's flags while it is bound. */
struct _AkKeyStatusCell
{
  GtkWidget  parent_instance;

  /* Children, made when first needed */
  GtkWidget *icon;
  GtkWidget *label;
  GtkWidget *more_label;

  /* Owned references */
  AkKey     *key;

  gulong     flags_handler;
};

G_DEFINE_FINAL_TYPE (AkKeyStatusCell, ak_key_status_cell, GTK_TYPE_WIDGET)

/* The flags from the most important down: what the column shows first and
 * sorts by. */
static const AkKeyFlags flag_order[] = {
  AK_KEY_FLAGS_EXPIRED,
  AK_KEY_FLAGS_UNUSABLE,
  AK_KEY_FLAGS_OWNER_DISABLED,
  AK_KEY_FLAGS_EXPIRES_SOON,
  AK_KEY_FLAGS_UNRESTRICTED,
  AK_KEY_FLAGS_TOO_MANY,
};

/**
 * ak_key_status_cell_first_flag:
 * @flags: a key's flags
 *
 * Returns: the most important flag of @flags, or %AK_KEY_FLAGS_NONE
 */
AkKeyFlags
ak_key_status_cell_first_flag (AkKeyFlags flags)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_order); i++)
    if (flags & flag_order[i])
      return flag_order[i];

  return AK_KEY_FLAGS_NONE;
}

/**
 * ak_key_status_cell_count_flags:
 * @flags: a key's flags
 *
 * Returns: how many flags @flags has
 */
guint
ak_key_status_cell_count_flags (AkKeyFlags flags)
{
  guint n = 0;

  for (guint bits = flags & AK_KEY_FLAGS_ALL; bits != 0; bits &= bits - 1)
    n++;

  return n;
}

/**
 * ak_key_status_cell_rank:
 * @flags: a key's flags
 *
 * Returns: where a key with @flags sorts by severity: 0 for the most
 *   important flag, and the number of flags for a key with none
 */
guint
ak_key_status_cell_rank (AkKeyFlags flags)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_order); i++)
    if (flags & flag_order[i])
      return i;

  return G_N_ELEMENTS (flag_order);
}

/**
 * ak_key_status_cell_describe:
 * @flags: a key's flags
 *
 * Returns: (transfer full) (nullable): every flag's sentence, most
 *   important first, one per line; %NULL when @flags is empty
 */
char *
ak_key_status_cell_describe (AkKeyFlags flags)
{
  GString *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (flag_order); i++)
    if (flags & flag_order[i])
      {
        if (text == NULL)
          text = g_string_new (NULL);
        else
          g_string_append_c (text, '\n');
        g_string_append (text, ak_key_flag_get_sentence (flag_order[i]));
      }

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

static void
ensure_children (AkKeyStatusCell *self)
{
  if (self->label != NULL)
    return;

  /* The label says it; the icon only draws the eye. */
  self->icon = g_object_new (GTK_TYPE_IMAGE,
                             "icon-name", "dialog-warning-symbolic",
                             "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                             NULL);
  gtk_widget_add_css_class (self->icon, "warning");
  gtk_widget_set_parent (self->icon, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->more_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->more_label, "dim-label");
  gtk_widget_add_css_class (self->more_label, "caption");
  gtk_widget_set_parent (self->more_label, GTK_WIDGET (self));
}

static void
update (AkKeyStatusCell *self)
{
  AkKeyFlags flags = self->key != NULL ? ak_key_get_flags (self->key) : AK_KEY_FLAGS_NONE;
  AkKeyFlags first = ak_key_status_cell_first_flag (flags);
  g_autofree char *sentences = NULL;
  guint more;

  if (first == AK_KEY_FLAGS_NONE)
    {
      /* A clean row keeps no children it never had. */
      if (self->label != NULL)
        {
          gtk_widget_set_visible (self->icon, FALSE);
          gtk_widget_set_visible (self->label, FALSE);
          gtk_widget_set_visible (self->more_label, FALSE);
        }
      _ak_cell_set_tooltip (GTK_WIDGET (self), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  ensure_children (self);
  more = ak_key_status_cell_count_flags (flags) - 1;

  gtk_widget_set_visible (self->icon, TRUE);
  gtk_widget_set_visible (self->label, TRUE);
  gtk_label_set_text (GTK_LABEL (self->label), ak_key_flag_get_label (first));
  gtk_widget_set_visible (self->more_label, more > 0);
  if (more > 0)
    {
      /* Translators: in the Status column, after a key's most important
       * attention flag ("Expired"), when it has more; %u is how many more. */
      g_autofree char *text = g_strdup_printf (ngettext ("+%u", "+%u", more), more);

      gtk_label_set_text (GTK_LABEL (self->more_label), text);
    }

  sentences = ak_key_status_cell_describe (flags);
  _ak_cell_set_tooltip (GTK_WIDGET (self), sentences);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentences,
                                  -1);
}

static void
flags_changed_cb (AkKeyStatusCell *self,
                  GParamSpec  *pspec,
                  AkKey       *key)
{
  g_assert (self->key == key);

  update (self);
}

GtkWidget *
ak_key_status_cell_new (void)
{
  return g_object_new (AK_TYPE_KEY_STATUS_CELL, NULL);
}

/**
 * ak_key_status_cell_get_key:
 * @self: an #AkKeyStatusCell
 *
 * Returns: (transfer none) (nullable): the key the cell shows
 */
AkKey *
ak_key_status_cell_get_key (AkKeyStatusCell *self)
{
  g_return_val_if_fail (AK_IS_KEY_STATUS_CELL (self), NULL);

  return self->key;
}

/**
 * ak_key_status_cell_set_key:
 * @self: an #AkKeyStatusCell
 * @key: (nullable): the key to show, %NULL when the row is unbound
 */
void
ak_key_status_cell_set_key (AkKeyStatusCell *self,
                       AkKey       *key)
{
  g_return_if_fail (AK_IS_KEY_STATUS_CELL (self));
  g_return_if_fail (!key || AK_IS_KEY (key));

  if (self->key == key)
    return;

  if (self->key != NULL)
    g_clear_signal_handler (&self->flags_handler, self->key);
  g_set_object (&self->key, key);
  if (key != NULL)
    self->flags_handler = g_signal_connect_object (key, "notify::flags",
                                                   G_CALLBACK (flags_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  update (self);
}

/**
 * ak_key_status_cell_get_text:
 * @self: an #AkKeyStatusCell
 *
 * Returns: (transfer none): the label the cell shows, "" when none
 */
const char *
ak_key_status_cell_get_text (AkKeyStatusCell *self)
{
  g_return_val_if_fail (AK_IS_KEY_STATUS_CELL (self), NULL);

  if (self->label == NULL || !gtk_widget_get_visible (self->label))
    return "";

  return gtk_label_get_text (GTK_LABEL (self->label));
}

static void
ak_key_status_cell_dispose (GObject *object)
{
  AkKeyStatusCell *self = AK_KEY_STATUS_CELL (object);

  if (self->key != NULL)
    g_clear_signal_handler (&self->flags_handler, self->key);
  g_clear_object (&self->key);
  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->more_label, gtk_widget_unparent);

  G_OBJECT_CLASS (ak_key_status_cell_parent_class)->dispose (object);
}

static void
ak_key_status_cell_class_init (AkKeyStatusCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_key_status_cell_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "akkeystatus");
}

static void
ak_key_status_cell_init (AkKeyStatusCell *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
}
