/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-row-reveal"

#include "config.h"

#include "ak-row-reveal.h"

/* A long list shown the moment it arrives, a screenful first.
 *
 * GTK's list and column views build a row widget for every item around the
 * top of the list, up to 200 of them (GTK_LIST_VIEW_MAX_LIST_ITEMS in GTK
 * 4.8), whatever the window shows: when 5,000 keys arrive in an empty list,
 * 200 rows are made, styled and measured before the first of them can be
 * drawn, a quarter of a second on a slow machine. The person sees some
 * thirty.
 *
 * So the view is given the rows through this model. When more rows than a
 * screenful arrive in an empty list, it lets a screenful through: the frame
 * that draws them is the first, and each frame after it lets ROWS_PER_FRAME
 * more through until GTK would build no more row widgets for them, when it
 * lets all through. It holds them back only over those few frames:
 * anything that goes by a row's position (finding, selecting, focusing,
 * scrolling to a key) calls ak_row_reveal_all() first, so it never sees a
 * list shorter than it is. The sort and the filters always see every key,
 * so the first rows are the first of all of them. */

/* Rows let through by each frame after the first. */
#define ROWS_PER_FRAME 32

/* Past this many rows from the top, GTK 4.8 builds no more row widgets,
 * and GTK 4.12 and later build none for rows out of sight: the rest can go
 * through at once. */
#define ROWS_GTK_BUILDS 256

/* The shortest a row of keys can be: each has a menu button, 34 pixels
 * high in Adwaita (38 with the row's padding). */
#define MIN_ROW_HEIGHT_PX 34

/* What the window shows above the rows at the least: a header bar of 47
 * pixels and the column titles. */
#define ABOVE_ROWS_PX 80

struct _AkRowReveal
{
  GObject     parent_instance;

  /* Owned references */
  GListModel *rows;

  /* Weak references */
  GtkWidget  *view;
  GtkWidget  *ticker;

  /* How many rows are let through, unless all are */
  guint       shown;
  gboolean    all;

  guint       tick_id;
  guint       frames;
};

static void ak_row_reveal_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AkRowReveal, ak_row_reveal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ak_row_reveal_list_model_init))

static GType
ak_row_reveal_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (AK_ROW_REVEAL (model)->rows);
}

static guint
ak_row_reveal_get_n_items (GListModel *model)
{
  AkRowReveal *self = AK_ROW_REVEAL (model);

  return self->all ? g_list_model_get_n_items (self->rows) : self->shown;
}

static gpointer
ak_row_reveal_get_item (GListModel *model,
                        guint       position)
{
  AkRowReveal *self = AK_ROW_REVEAL (model);

  if (position >= ak_row_reveal_get_n_items (model))
    return NULL;

  return g_list_model_get_item (self->rows, position);
}

static void
ak_row_reveal_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ak_row_reveal_get_item_type;
  iface->get_n_items = ak_row_reveal_get_n_items;
  iface->get_item = ak_row_reveal_get_item;
}

static void
stop_ticking (AkRowReveal *self)
{
  if (self->tick_id != 0 && self->ticker != NULL)
    gtk_widget_remove_tick_callback (self->ticker, self->tick_id);
  self->tick_id = 0;
  g_clear_weak_pointer (&self->ticker);
}

/* Lets the rows after the first @shown through. */
static void
let_all_through (AkRowReveal *self)
{
  guint n = g_list_model_get_n_items (self->rows);
  guint shown = self->shown;

  stop_ticking (self);
  self->all = TRUE;
  self->shown = 0;
  if (n > shown)
    g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, n - shown);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  AkRowReveal *self = AK_ROW_REVEAL (user_data);
  guint n = g_list_model_get_n_items (self->rows);
  guint shown = self->shown;

  /* The first tick comes before the first frame is drawn: that frame shows
   * what was let through. */
  if (self->frames++ == 0)
    return G_SOURCE_CONTINUE;

  if (shown + ROWS_PER_FRAME >= MIN (n, ROWS_GTK_BUILDS))
    {
      /* The callback goes with this return, not by its ID. */
      self->tick_id = 0;
      g_clear_weak_pointer (&self->ticker);
      let_all_through (self);
      return G_SOURCE_REMOVE;
    }

  self->shown += ROWS_PER_FRAME;
  g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, ROWS_PER_FRAME);

  return G_SOURCE_CONTINUE;
}

/* How many rows the window can show at most, and two more. A guess too
 * small shows empty room below the rows for one frame; one too large makes
 * rows no one sees before the first frame. */
static guint
rows_on_screen (GtkWidget *window)
{
  int width, height = gtk_widget_get_height (window);

  /* A window on screen for the first time has not been laid out yet
   * (GTK 4.8 wants both sizes asked for). */
  if (height == 0 && GTK_IS_WINDOW (window))
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);

  height -= ABOVE_ROWS_PX;

  return height > 0 ? height / MIN_ROW_HEIGHT_PX + 2 : 64;
}

static void
rows_changed_cb (AkRowReveal *self,
                 guint        position,
                 guint        removed,
                 guint        added,
                 GListModel  *rows)
{
  guint n = g_list_model_get_n_items (rows);
  guint shown = self->shown;
  GtkWidget *window;

  if (self->all)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      /* Empty: the next rows to come may be held back. */
      if (n == 0)
        self->all = FALSE;
      return;
    }

  /* A change while rows are held back: all of them go through, anew. */
  if (shown > 0)
    {
      stop_ticking (self);
      self->all = TRUE;
      self->shown = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, shown, n);
      return;
    }

  /* Rows arriving in an empty list. The frames are counted on the window,
   * which has them while it is on screen, whether or not the view is. */
  window = self->view != NULL ? GTK_WIDGET (gtk_widget_get_root (self->view)) : NULL;
  if (window == NULL || !gtk_widget_get_realized (window) || n <= rows_on_screen (window))
    {
      if (n > 0)
        let_all_through (self);
      return;
    }

  self->shown = rows_on_screen (window);
  self->frames = 0;
  g_set_weak_pointer (&self->ticker, window);
  self->tick_id = gtk_widget_add_tick_callback (window, tick_cb, self, NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->shown);
}

static void
ak_row_reveal_dispose (GObject *object)
{
  AkRowReveal *self = AK_ROW_REVEAL (object);

  stop_ticking (self);
  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (ak_row_reveal_parent_class)->dispose (object);
}

static void
ak_row_reveal_finalize (GObject *object)
{
  AkRowReveal *self = AK_ROW_REVEAL (object);

  g_clear_object (&self->rows);

  G_OBJECT_CLASS (ak_row_reveal_parent_class)->finalize (object);
}

static void
ak_row_reveal_class_init (AkRowRevealClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ak_row_reveal_dispose;
  object_class->finalize = ak_row_reveal_finalize;
}

static void
ak_row_reveal_init (AkRowReveal *self)
{
}

/**
 * ak_row_reveal_new:
 * @view: the widget that shows the rows
 * @rows: every row
 *
 * Returns: (transfer full): a model of the rows of @rows let through to
 *   @view
 */
AkRowReveal *
ak_row_reveal_new (GtkWidget  *view,
                   GListModel *rows)
{
  AkRowReveal *self;

  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (AK_TYPE_ROW_REVEAL, NULL);
  self->rows = g_object_ref (rows);
  self->all = g_list_model_get_n_items (rows) > 0;
  g_set_weak_pointer (&self->view, view);
  g_signal_connect_object (rows, "items-changed", G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * ak_row_reveal_all:
 * @self: an #AkRowReveal
 *
 * Lets every row through now: for what goes by a row's position.
 */
void
ak_row_reveal_all (AkRowReveal *self)
{
  g_return_if_fail (AK_IS_ROW_REVEAL (self));

  if (!self->all && self->shown > 0)
    let_all_through (self);
}
