/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-key-search"

#include "config.h"

#include <string.h>

#include "ak-key.h"
#include "ak-key-search.h"

/* The key list's search: the keys whose ID, owner, project, name or
 * description hold the text typed, whatever its case. Each key prepares its
 * texts once (ak_key_matches_search()), so a keystroke costs one substring
 * search a key; and a keystroke that only adds to the text tells the list
 * that fewer keys can match, so that only the keys shown are searched again.
 * With no text, every key matches and none is searched. */
struct _AkKeySearch
{
  GtkFilter  parent_instance;

  /* As typed, and as the keys' texts are prepared; NULL for no search */
  char      *text;
  char      *prepared;
};

G_DEFINE_FINAL_TYPE (AkKeySearch, ak_key_search, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
ak_key_search_match (GtkFilter *filter,
                     gpointer   item)
{
  AkKeySearch *self = AK_KEY_SEARCH (filter);

  return self->prepared == NULL || ak_key_matches_search (AK_KEY (item), self->prepared);
}

static GtkFilterMatch
ak_key_search_get_strictness (GtkFilter *filter)
{
  return AK_KEY_SEARCH (filter)->prepared == NULL ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

static void
ak_key_search_finalize (GObject *object)
{
  AkKeySearch *self = AK_KEY_SEARCH (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->prepared, g_free);

  G_OBJECT_CLASS (ak_key_search_parent_class)->finalize (object);
}

static void
ak_key_search_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AkKeySearch *self = AK_KEY_SEARCH (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_search_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AkKeySearch *self = AK_KEY_SEARCH (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      ak_key_search_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_key_search_class_init (AkKeySearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = ak_key_search_finalize;
  object_class->get_property = ak_key_search_get_property;
  object_class->set_property = ak_key_search_set_property;

  filter_class->match = ak_key_search_match;
  filter_class->get_strictness = ak_key_search_get_strictness;

  /* What was typed, or NULL (or an empty text) for every key. */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ak_key_search_init (AkKeySearch *self)
{
}

AkKeySearch *
ak_key_search_new (void)
{
  return g_object_new (AK_TYPE_KEY_SEARCH, NULL);
}

const char *
ak_key_search_get_text (AkKeySearch *self)
{
  g_return_val_if_fail (AK_IS_KEY_SEARCH (self), NULL);

  return self->text;
}

void
ak_key_search_set_text (AkKeySearch *self,
                        const char  *text)
{
  g_autofree char *prepared = NULL;
  GtkFilterChange change;

  g_return_if_fail (AK_IS_KEY_SEARCH (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->text, text) == 0)
    return;

  prepared = text != NULL ? ak_key_prepare_search (text) : NULL;

  /* A longer text can only match fewer keys, a shorter one more. */
  if (self->prepared == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (prepared == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (prepared, self->prepared) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->prepared, prepared) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->prepared);
  self->prepared = g_steal_pointer (&prepared);

  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}
