/* Minimal stand-in for the parts of Astralis' Invercargill collections that
 * the GLib integration plan uses (written for this project, not the real
 * library).  Keys/values are compared as stored pointers unless the value
 * type is string (ints are stored boxed in the pointer, so equality works). */
namespace Invercargill {

	public class KeyValuePair<K, V> : Object {
		public K key { get; construct; }
		public V value { get; construct; }
		public KeyValuePair (K key, V value) {
			Object (key: key, value: value);
		}
	}

	/* Iterator protocol understood by Vala's foreach: next() + get(). */
	public class ArrayIterator<T> : Object {
		private GenericArray<T> items;
		private int index = -1;
		public ArrayIterator (GenericArray<T> items) {
			this.items = items;
		}
		public bool next () {
			if (index + 1 >= items.length)
				return false;
			index++;
			return true;
		}
		public new T get () {
			return items[index];
		}
	}

	internal bool generic_equal<T> (T a, T b) {
		if (typeof (T) == typeof (string))
			return str_equal ((string) a, (string) b);
		return a == b;
	}
}

namespace Invercargill.DataStructures {

	public class Series<T> : Object {
		private GenericArray<T> items = new GenericArray<T> ();

		public void add (T item) {
			items.add (item);
		}
		public bool contains (T item) {
			for (int i = 0; i < items.length; i++)
				if (generic_equal<T> (items[i], item))
					return true;
			return false;
		}
		public bool remove (T item) {
			for (int i = 0; i < items.length; i++) {
				if (generic_equal<T> (items[i], item)) {
					items.remove_index (i);
					return true;
				}
			}
			return false;
		}
		public void clear () {
			items.length = 0;
		}
		public int length {
			get { return items.length; }
		}
		public new T get (int index) {
			return items[index];
		}
		public ArrayIterator<T> iterator () {
			return new ArrayIterator<T> (items);
		}
	}

	public class Dictionary<K, V> : Object {
		/* insertion ordered; small sizes only (linear lookup) */
		private GenericArray<K> keys = new GenericArray<K> ();
		private GenericArray<V> values = new GenericArray<V> ();

		private int index_of (K key) {
			for (int i = 0; i < keys.length; i++)
				if (generic_equal<K> (keys[i], key))
					return i;
			return -1;
		}
		public bool has_key (K key) {
			return index_of (key) >= 0;
		}
		public new V @get (K key) {
			int i = index_of (key);
			return i >= 0 ? values[i] : null;
		}
		public new void @set (K key, V value) {
			int i = index_of (key);
			if (i >= 0) {
				values[i] = value;
			} else {
				keys.add (key);
				values.add (value);
			}
		}
		public bool unset (K key) {
			int i = index_of (key);
			if (i < 0)
				return false;
			keys.remove_index (i);
			values.remove_index (i);
			return true;
		}
		public void clear () {
			keys.length = 0;
			values.length = 0;
		}
		public int length {
			get { return keys.length; }
		}
		public Series<V> get_values () {
			var s = new Series<V> ();
			for (int i = 0; i < values.length; i++)
				s.add (values[i]);
			return s;
		}
		public Series<K> get_keys () {
			var s = new Series<K> ();
			for (int i = 0; i < keys.length; i++)
				s.add (keys[i]);
			return s;
		}
		public ArrayIterator<KeyValuePair<K, V>> iterator () {
			var entries = new GenericArray<KeyValuePair<K, V>> ();
			for (int i = 0; i < keys.length; i++)
				entries.add (new KeyValuePair<K, V> (keys[i], values[i]));
			return new ArrayIterator<KeyValuePair<K, V>> (entries);
		}
	}
}
